/** GET /api/admin/regions/{regionId}/review/owners — the region's review interval and named owners. */
import { regionAdmin } from '../auth/middleware.ts';
import { regionOf } from '../catalogue/admin-region.ts';
import { httpHandler, json } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { readReviewConfig } from './config-store.ts';

export const handler = httpHandler(async (event) => {
  const region = await regionOf(event);
  return json(200, await guardStore(() => readReviewConfig(region)));
}, regionAdmin());
