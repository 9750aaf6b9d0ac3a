/**
 * POST /api/exchange/requests/{requestId}/accept — the selling region accepts: its free places go down
 * by the request's number atomically (409 `not-enough-places` when too few are left; nothing changes).
 */
import { RequestPathSchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore } from './edge.ts';
import { acceptRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { requestId } = parsePath(RequestPathSchema, event);
  return json(200, await guardStore(() => acceptRequest(callerOf(event), requestId)));
}, anyAdmin());
