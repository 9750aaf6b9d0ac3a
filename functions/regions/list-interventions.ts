/** GET /api/regions/{regionId}/interventions — the region's published catalogue, paged. */
import { PageQuerySchema, RegionPathSchema } from '../../shared/api.ts';
import {
  type EncodedText,
  encodedText,
  encodeText,
  httpHandler,
  JSON_TYPE,
  parsePath,
  parseQuery,
  wantsFresh,
} from '../lib/http.ts';
import { type CataloguePage, pageOfCatalogue, requireRegion } from './catalogue-reader.ts';

/** A page of a live version is kept (catalogue-reader.ts): its JSON is written (and encoded) once too. */
const bodies = new WeakMap<CataloguePage, EncodedText>();

export const handler = httpHandler(async (event) => {
  const { regionId } = parsePath(RegionPathSchema, event);
  const query = parseQuery(PageQuerySchema, event);
  const region = await requireRegion(regionId);
  const page = await pageOfCatalogue(region, query, { fresh: wantsFresh(event) });
  let body = bodies.get(page);
  if (body === undefined) {
    body = encodeText(JSON.stringify({ regionId, ...page }));
    bodies.set(page, body);
  }
  return encodedText(200, [body], JSON_TYPE);
});
