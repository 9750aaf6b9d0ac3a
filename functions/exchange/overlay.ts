/**
 * The live places on an intervention the public API answers (GET …/interventions/{id}): the region's
 * PLACES items, read in one consistent Query and reused for up to LIMITS.publicLiveMaxAgeMs by a warm
 * instance (at once fresh to a request asking for it); if that fails, the catalogue's own statement is
 * answered (never an error).
 */
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { log } from '../lib/log.ts';
import { type Freshness, TtlCache } from '../lib/ttl-cache.ts';
import { type PlacesRecord, readAllPlaces, withLivePlaces } from './places-store.ts';

// Per region, not per intervention: a GetItem per intervention and second was, in the load test, ~150
// store calls a second (one per item read) and a fifth of the server's CPU (the SDK's per-call work);
// a region's places are one partition, so one Query a second per region answers every read of it.
// A second old is as live as a newcomer needs.
const placesCache = new TtlCache<ReadonlyMap<string, PlacesRecord>>(LIMITS.publicLiveMaxAgeMs, {
  maxEntries: 1_000,
});

export async function withCurrentPlaces(
  region: RegionConfig,
  item: Intervention,
  read: Freshness = {},
): Promise<Intervention> {
  try {
    const places = await placesCache.get(
      region.tableName,
      () => readAllPlaces(region.tableName, { consistent: true }),
      read,
    );
    return withLivePlaces(item, places.get(item.id));
  } catch (error) {
    log.warn('live places unreadable; the catalogue is answered', { regionId: region.id, error });
    return item;
  }
}
