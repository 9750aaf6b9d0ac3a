/**
 * POST /api/exchange/requests — an administrator asks another region for places for one of their own
 * municipalities. Nothing about participants: unknown fields are refused, and a personnummer anywhere
 * in the body is refused with 422 `personal-data`.
 */
import { CreateRequestSchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json } from '../lib/http.ts';
import { guardStore, parseBodyWithoutPersonalData } from './edge.ts';
import { askForPlaces } from './requests.ts';

export const handler = httpHandler(async (event) => {
  const body = parseBodyWithoutPersonalData(CreateRequestSchema, event);
  const request = await guardStore(() => askForPlaces(callerOf(event), body));
  return json(201, { request });
}, anyAdmin());
