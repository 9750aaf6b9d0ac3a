/**
 * PATCH /api/admin/regions/{regionId}/interventions/{id}/places — the owner changes open, free places,
 * price or period without an upload. Writes the live PLACES item (not a catalogue version) and one
 * history entry with who and when. `placesAvailable` is absolute ("4 free now").
 */
import { InterventionPathSchema } from '../../shared/api.ts';
import { PlacesPatchSchema } from '../../shared/exchange.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { regionOf } from '../catalogue/admin-region.ts';
import { httpHandler, json, parsePath } from '../lib/http.ts';
import { guardStore, parseBodyWithoutPersonalData } from './edge.ts';
import { changePlaces } from './places.ts';

export const handler = httpHandler(async (event) => {
  const { id } = parsePath(InterventionPathSchema, event);
  const region = await regionOf(event);
  const patch = parseBodyWithoutPersonalData(PlacesPatchSchema, event);
  return json(200, await guardStore(() => changePlaces(region, callerOf(event), id, patch)));
}, regionAdmin());
