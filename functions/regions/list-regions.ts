/**
 * GET /api/regions — every region with its published catalogue (or null) and its review interval (the
 * portal's "not confirmed since" note and hiding follow it; cached a minute, as for the search).
 */
import type { RegionSummary } from '../../shared/region.ts';
import { readPointer } from '../catalogue/store.ts';
import { httpHandler, json } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { listRegions } from '../registry/store.ts';
import { refreshReviewIntervals, reviewIntervalOf } from '../review/config-store.ts';
import { guardStore } from './catalogue-reader.ts';

export const handler = httpHandler(async () => {
  const regions = await guardStore(() => listRegions());
  await refreshReviewIntervals(regions); // awaited only the first time (with a deadline); a failing store keeps the default
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
        reviewIntervalDays: reviewIntervalOf(region.id),
      };
    }),
  );
  return json(200, { regions: summaries });
});
