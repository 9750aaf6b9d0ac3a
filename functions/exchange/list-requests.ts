/** GET /api/exchange/requests?direction=incoming|outgoing — the caller's regions' requests, newest first. */
import { RequestsQuerySchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json, parseQuery } from '../lib/http.ts';
import { guardStore } from './edge.ts';
import { requestsOf } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const query = parseQuery(RequestsQuerySchema, event);
  return json(200, await guardStore(() => requestsOf(callerOf(event), query.direction, query)));
}, anyAdmin());
