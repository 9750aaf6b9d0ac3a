/** POST /api/exchange/requests/{requestId}/decline `{ reason }` — the selling region declines, with a reason. */
import { DeclineSchema, RequestPathSchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore, parseBodyWithoutPersonalData } from './edge.ts';
import { declineRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { requestId } = parsePath(RequestPathSchema, event);
  const { reason } = parseBodyWithoutPersonalData(DeclineSchema, event);
  return json(200, { request: await guardStore(() => declineRequest(callerOf(event), requestId, reason)) });
}, anyAdmin());
