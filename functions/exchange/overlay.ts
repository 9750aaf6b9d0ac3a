/**
 * The live places on an intervention the public API answers (GET …/interventions/{id}): one GetItem of
 * its PLACES item, reused for up to LIMITS.publicLiveMaxAgeMs by a warm instance (at once fresh to a
 * request asking for it); if that fails, the catalogue's own statement is answered (never an error).
 */
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { log } from '../lib/log.ts';
import { type Freshness, TtlCache } from '../lib/ttl-cache.ts';
import { type PlacesRecord, readPlaces, withLivePlaces } from './places-store.ts';

// A popular intervention's places were a GetItem per read: in the load test, most of the store calls and
// a fifth of the server's CPU (the SDK's per-call work). A second old is as live as a newcomer needs.
const placesCache = new TtlCache<PlacesRecord | undefined>(LIMITS.publicLiveMaxAgeMs, { maxEntries: 10_000 });

export async function withCurrentPlaces(
  region: RegionConfig,
  item: Intervention,
  read: Freshness = {},
): Promise<Intervention> {
  try {
    const places = await placesCache.get(
      `${region.tableName}\u0000${item.id}`,
      () => readPlaces(region.tableName, item.id),
      read,
    );
    return withLivePlaces(item, places);
  } catch (error) {
    log.warn('live places unreadable; the catalogue is answered', { regionId: region.id, error });
    return item;
  }
}
