/**
 * POST /api/admin/regions/{regionId}/catalogue/review — confirm items reviewed in one action
 * ("nothing changed this quarter"): all items, the given ids, or one municipality's items.
 */
import { z } from 'zod';
import { InterventionId, MunicipalityCode } from '../../shared/intervention.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { httpHandler, json, parseJsonBody } from '../lib/http.ts';
import { guardStore, regionOf } from './admin-region.ts';
import { confirmReviewed } from './item-edits.ts';

export const ReviewBodySchema = z.strictObject({
  ids: z.array(InterventionId).min(1).max(20_000).optional(),
  municipality: MunicipalityCode.optional(),
});

export const handler = httpHandler(async (event) => {
  const region = await regionOf(event);
  const selection = parseJsonBody(ReviewBodySchema, event);
  return json(200, await guardStore(() => confirmReviewed(region, callerOf(event), selection)));
}, regionAdmin());
