/**
 * GET /api/regions — every region with its published catalogue (or null) and its review interval (the
 * portal's "not confirmed since" note and hiding follow it; cached a minute, as for the search).
 * Each region's live pointer as the other public reads see it: reused for up to
 * LIMITS.publicLiveMaxAgeMs, read fresh on `Cache-Control: no-cache` (the admin pages send it, so an
 * administrator who just published or rolled back sees it at once). Reading all of them consistently on
 * every request was ~20 ms of CPU per request with 30 regions, and every municipality page asks.
 */
import type { RegionSummary } from '../../shared/region.ts';
import { httpHandler, json, wantsFresh } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { listRegions } from '../registry/store.ts';
import { refreshReviewIntervals, reviewIntervalOf } from '../review/config-store.ts';
import { guardStore, livePointer } from './catalogue-reader.ts';

export const handler = httpHandler(async (event) => {
  const read = { fresh: wantsFresh(event) };
  const regions = await guardStore(() => listRegions());
  await refreshReviewIntervals(regions); // awaited only the first time (with a deadline); a failing store keeps the default
  const summaries: RegionSummary[] = await Promise.all(
    regions.map(async (region) => {
      const catalogue = await livePointer(region, read).catch((error) => {
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
