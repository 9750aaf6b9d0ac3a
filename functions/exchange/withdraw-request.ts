/**
 * POST /api/admin/regions/{regionId}/exchange/requests/{requestId}/withdraw `{ reason? }` — the buying
 * region takes its request back. `regionId` must be the request's buyer (403 otherwise); 409
 * `request-being-accepted` while the seller's acceptance is under way.
 */
import { RegionRequestPathSchema, WithdrawSchema } from '../../shared/exchange.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore, parseBodyWithoutPersonalData } from './edge.ts';
import { withdrawRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { regionId, requestId } = parsePath(RegionRequestPathSchema, event);
  const { reason } = parseBodyWithoutPersonalData(WithdrawSchema, event);
  return json(200, {
    request: await guardStore(() => withdrawRequest(callerOf(event), regionId, requestId, reason)),
  });
}, regionAdmin());
