/** GET /api/regions/{regionId}/interventions/{id} — one intervention of the live catalogue. */
import { InterventionPathSchema } from '../../shared/api.ts';
import { withCurrentPlaces } from '../exchange/overlay.ts';
import { httpHandler, json, parsePath, wantsFresh } from '../lib/http.ts';
import { liveItem, requireRegion } from './catalogue-reader.ts';

export const handler = httpHandler(async (event) => {
  const { regionId, id } = parsePath(InterventionPathSchema, event);
  const region = await requireRegion(regionId);
  const read = { fresh: wantsFresh(event) };
  const { version, item } = await liveItem(region, id, read);
  // Places and price for other municipalities are live (functions/exchange), not from the snapshot.
  return json(200, { regionId, version, item: await withCurrentPlaces(region, item, read) });
});
