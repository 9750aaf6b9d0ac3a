/** GET /api/regions/{regionId}/interventions — the region's published catalogue, paged. */
import { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import { RegionId } from '../../shared/region.ts';
import { httpHandler, json, parsePath, parseQuery } from '../lib/http.ts';
import { pageOfCatalogue, requireRegion } from './catalogue-reader.ts';

const Path = z.object({ regionId: RegionId });
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().max(300).optional(),
});

export const handler = httpHandler(async (event) => {
  const { regionId } = parsePath(Path, event);
  const query = parseQuery(ListQuery, event);
  const region = await requireRegion(regionId);
  const page = await pageOfCatalogue(region, query);
  return json(200, { regionId, ...page });
});
