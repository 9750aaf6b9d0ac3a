/** GET /api/regions/{regionId}/interventions — the region's published catalogue, paged. */
import { PageQuerySchema, RegionPathSchema } from '../../shared/api.ts';
import { httpHandler, json, parsePath, parseQuery } from '../lib/http.ts';
import { pageOfCatalogue, requireRegion } from './catalogue-reader.ts';

export const handler = httpHandler(async (event) => {
  const { regionId } = parsePath(RegionPathSchema, event);
  const query = parseQuery(PageQuerySchema, event);
  const region = await requireRegion(regionId);
  const page = await pageOfCatalogue(region, query);
  return json(200, { regionId, ...page });
});
