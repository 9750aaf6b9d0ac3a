/**
 * The live places on an intervention the public API answers (GET …/interventions/{id}): one GetItem of
 * its PLACES item; if that fails, the catalogue's own statement is answered (never an error).
 */
import type { Intervention } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { log } from '../lib/log.ts';
import { readPlaces, withLivePlaces } from './places-store.ts';

export async function withCurrentPlaces(region: RegionConfig, item: Intervention): Promise<Intervention> {
  try {
    return withLivePlaces(item, await readPlaces(region.tableName, item.id));
  } catch (error) {
    log.warn('live places unreadable; the catalogue is answered', { regionId: region.id, error });
    return item;
  }
}
