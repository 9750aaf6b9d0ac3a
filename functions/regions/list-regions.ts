/** GET /api/regions — every region with its published catalogue (or null). */
import type { RegionSummary } from '../../shared/region.ts';
import { type LivePointer, readPointer } from '../catalogue/store.ts';
import { httpHandler, json } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { TtlCache } from '../lib/ttl-cache.ts';
import { listRegions } from '../registry/store.ts';
import { guardStore } from './catalogue-reader.ts';

/** Every page asks for the regions: a pointer read within the last second is fresh enough. */
export const POINTER_CACHE_MS = 1_000;
const POINTER_CACHE = new TtlCache<LivePointer | null>(POINTER_CACHE_MS);

export const handler = httpHandler(async () => {
  const regions = await guardStore(() => listRegions());
  const summaries: RegionSummary[] = await Promise.all(
    regions.map(async (region) => {
      const catalogue = await POINTER_CACHE.get(region.tableName, () => readPointer(region.tableName)).catch(
        (error) => {
          log.warn('region store unreachable', { regionId: region.id, error });
          return null;
        },
      );
      return {
        id: region.id,
        name: region.name,
        county: region.county,
        municipalities: region.municipalities,
        catalogue,
      };
    }),
  );
  return json(200, { regions: summaries });
});
