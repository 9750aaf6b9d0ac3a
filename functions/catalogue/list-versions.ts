/** GET /api/admin/regions/{regionId}/catalogue/versions — the publish history (who, when, file, counts). */
import { regionAdmin } from '../auth/middleware.ts';
import { httpHandler, json } from '../lib/http.ts';
import { guardStore, regionOf } from './admin-region.ts';
import { versionHistory } from './publishing.ts';

export const handler = httpHandler(async (event) => {
  const region = await regionOf(event);
  return json(200, await guardStore(() => versionHistory(region)));
}, regionAdmin());
