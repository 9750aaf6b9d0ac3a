/** GET /api/exchange/requests/{requestId} — one request with its history (its buyer and seller only). */
import { RequestPathSchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore } from './edge.ts';
import { readRequest } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const { requestId } = parsePath(RequestPathSchema, event);
  return json(200, { request: await guardStore(() => readRequest(callerOf(event), requestId)) });
}, anyAdmin());
