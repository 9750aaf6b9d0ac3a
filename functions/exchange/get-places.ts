/** GET /api/admin/regions/{regionId}/interventions/{id}/places — the live places and their history. */
import { InterventionPathSchema } from '../../shared/api.ts';
import { regionAdmin } from '../auth/middleware.ts';
import { regionOf } from '../catalogue/admin-region.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore } from './edge.ts';
import { placesOf } from './places.ts';

export const handler = httpHandler(async (event) => {
  const { id } = parsePath(InterventionPathSchema, event);
  const region = await regionOf(event);
  return json(200, await guardStore(() => placesOf(region, id)));
}, regionAdmin());
