/** GET /api/openapi.json — the API's own OpenAPI 3.1 document, generated from the zod schemas. */
import { httpHandler, json } from '../lib/http.ts';
import { openApiDocument } from './document.ts';

export const handler = httpHandler(async () =>
  json(200, openApiDocument(), { 'cache-control': 'public, max-age=300' }),
);
