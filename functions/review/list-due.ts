/**
 * GET /api/admin/regions/{regionId}/review/due — the items due, overdue or hidden for want of a
 * confirmation, most urgent first, each with the owners whose share it is.
 */
import { DueQuerySchema } from '../../shared/review-api.ts';
import { regionAdmin } from '../auth/middleware.ts';
import { regionOf } from '../catalogue/admin-region.ts';
import { httpHandler, json, parseQuery } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { regionDue } from './due.ts';

export const handler = httpHandler(async (event) => {
  const region = await regionOf(event);
  const filter = parseQuery(DueQuerySchema, event);
  return json(200, await guardStore(() => regionDue(region, new Date(), filter)));
}, regionAdmin());
