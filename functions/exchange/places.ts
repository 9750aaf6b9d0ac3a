/** The places of one intervention for its owner: read with history, change (PATCH …/places). */
import { EXCHANGE_LIMITS, type PlacesPatch, type PlacesResponse } from '../../shared/exchange.ts';
import type { RegionConfig } from '../../shared/region.ts';
import type { Caller } from '../auth/claims.ts';
import { notFound } from '../lib/errors.ts';
import {
  effectivePlaces,
  PlacesConflictError,
  patchPlaces,
  placesHistory,
  readPlaces,
} from './places-store.ts';
import { liveIntervention, placesConflict } from './requests.ts';

export async function placesOf(region: RegionConfig, id: string): Promise<PlacesResponse> {
  const item = await liveIntervention(region, id);
  if (!item) throw notFound('intervention', id);
  const [record, history] = await Promise.all([
    readPlaces(region.tableName, id),
    placesHistory(region.tableName, id, EXCHANGE_LIMITS.historyPageMax),
  ]);
  return { regionId: region.id, id, places: effectivePlaces(item, record), history };
}

export async function changePlaces(
  region: RegionConfig,
  caller: Caller,
  id: string,
  patch: PlacesPatch,
  now = new Date(),
): Promise<PlacesResponse> {
  const item = await liveIntervention(region, id);
  if (!item) throw notFound('intervention', id);
  try {
    await patchPlaces(region.tableName, item, patch, caller.name.slice(0, 120), now);
  } catch (error) {
    if (error instanceof PlacesConflictError) throw placesConflict(error, 0);
    throw error;
  }
  return placesOf(region, id);
}
