/**
 * PATCH /api/admin/regions/{regionId}/interventions/{id} — edit fields of one intervention (JSON merge
 * patch), or confirm it reviewed with `{ "confirmReviewed": true }`. Publishes a new version.
 */
import { z } from 'zod';
import { InterventionPathSchema } from '../../shared/api.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { HttpError } from '../lib/errors.ts';
import { httpHandler, json, parseJsonBody, parsePath } from '../lib/http.ts';
import { guardStore, regionOf } from './admin-region.ts';
import { editItem, ItemRejectedError } from './item-edits.ts';

/** A JSON merge patch of the intervention's fields (prototype keys and deep nesting are refused at the edge). */
export const PatchBodySchema = z.record(z.string(), z.json());

export const handler = httpHandler(async (event) => {
  const { id } = parsePath(InterventionPathSchema, event);
  const region = await regionOf(event);
  const { confirmReviewed, ...patch } = parseJsonBody(PatchBodySchema, event);
  if (confirmReviewed !== undefined && typeof confirmReviewed !== 'boolean') {
    throw new HttpError(400, 'invalid-body', {
      sv: 'confirmReviewed ska vara true eller false.',
      en: 'confirmReviewed must be true or false.',
    });
  }
  try {
    const result = await guardStore(() =>
      editItem(region, callerOf(event), id, patch as Record<string, never>, {
        confirmReviewed: confirmReviewed === true,
      }),
    );
    return json(200, result);
  } catch (error) {
    if (error instanceof ItemRejectedError) {
      return json(422, { status: 'rejected', version: null, errors: error.errors, warnings: error.warnings });
    }
    throw error;
  }
}, regionAdmin());
