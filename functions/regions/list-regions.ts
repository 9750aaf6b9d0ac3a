/** GET /api/regions — every region with its published catalogue (or null). */
import type { RegionSummary } from '../../shared/region.ts';
import { readPointer } from '../catalogue/store.ts';
import { httpHandler, json } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { listRegions } from '../registry/store.ts';
import { guardStore } from './catalogue-reader.ts';

export const handler = httpHandler(async () => {
  const regions = await guardStore(() => listRegions());
  const summaries: RegionSummary[] = await Promise.all(
    regions.map(async (region) => {
      // Read fresh every time: an administrator who just published or rolled back must see it at once.
      const catalogue = await readPointer(region.tableName).catch((error) => {
        log.warn('region store unreachable', { regionId: region.id, error });
        return null;
      });
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
