/**
 * POST /api/admin/regions/{regionId}/exchange/requests/{requestId}/accept — the selling region accepts:
 * its free places go down by the request's number atomically (409 `not-enough-places` when too few are
 * left; nothing changes). `regionId` must be the request's seller (403 otherwise). In AWS this runs in
 * the region's own admin function, whose role reaches that region's table only.
 */
import { RegionRequestPathSchema } from '../../shared/exchange.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore } from './edge.ts';
import { acceptRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { regionId, requestId } = parsePath(RegionRequestPathSchema, event);
  return json(200, await guardStore(() => acceptRequest(callerOf(event), regionId, requestId)));
}, regionAdmin());
