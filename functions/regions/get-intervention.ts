/** GET /api/regions/{regionId}/interventions/{id} — one intervention of the live catalogue. */
import { z } from 'zod';
import { InterventionId } from '../../shared/intervention.ts';
import { RegionId } from '../../shared/region.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { liveItem, requireRegion } from './catalogue-reader.ts';

const Path = z.object({ regionId: RegionId, id: InterventionId });

export const handler = httpHandler(async (event) => {
  const { regionId, id } = parsePath(Path, event);
  const region = await requireRegion(regionId);
  const { version, item } = await liveItem(region, id);
  return json(200, { regionId, version, item });
});
