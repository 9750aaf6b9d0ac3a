/**
 * Newcomer search hides an item unconfirmed for two review intervals plus the grace (shared/review.ts:
 * `hidden`, 210 days by default) — by keeping it out of the region's search index. The selection holds
 * until the first kept item reaches its own hiding instant; then the Federation rebuilds the index from
 * the items it already has. The admin view, the export and the public catalogue listing are unaffected.
 */
import type { Intervention } from '../../shared/intervention.ts';
import { reviewDeadlines } from '../../shared/review.ts';
import type { IndexFilter } from '../search/federation.ts';
import { reviewIntervalOf } from './config-store.ts';

export const hideUnreviewed: IndexFilter = {
  key: (region) => String(reviewIntervalOf(region.id)),
  select(items, region, now) {
    const interval = reviewIntervalOf(region.id);
    const kept: Intervention[] = [];
    let validUntil = Number.POSITIVE_INFINITY;
    for (const item of items) {
      const deadlines = reviewDeadlines(item, interval);
      if (deadlines && now > deadlines.hiddenAt) continue;
      kept.push(item);
      if (deadlines) validUntil = Math.min(validUntil, deadlines.hiddenAt);
    }
    return { items: kept, validUntil };
  },
};
