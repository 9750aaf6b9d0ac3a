/**
 * POST /api/admin/regions/{regionId}/exchange/requests/{requestId}/decline `{ reason }` — the selling
 * region declines, with a reason. `regionId` must be the request's seller (403 otherwise).
 */
import { DeclineSchema, RegionRequestPathSchema } from '../../shared/exchange.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore, parseBodyWithoutPersonalData } from './edge.ts';
import { declineRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { regionId, requestId } = parsePath(RegionRequestPathSchema, event);
  const { reason } = parseBodyWithoutPersonalData(DeclineSchema, event);
  return json(200, {
    request: await guardStore(() => declineRequest(callerOf(event), regionId, requestId, reason)),
  });
}, regionAdmin());
