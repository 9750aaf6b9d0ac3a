/** POST /api/exchange/requests/{requestId}/withdraw `{ reason? }` — the buying region takes its request back. */
import { RequestPathSchema, WithdrawSchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore, parseBodyWithoutPersonalData } from './edge.ts';
import { withdrawRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { requestId } = parsePath(RequestPathSchema, event);
  const { reason } = parseBodyWithoutPersonalData(WithdrawSchema, event);
  return json(200, { request: await guardStore(() => withdrawRequest(callerOf(event), requestId, reason)) });
}, anyAdmin());
