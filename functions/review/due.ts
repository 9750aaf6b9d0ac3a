/**
 * Which items need a person's confirmation, and whose they are.
 *
 * Owners (see shared/review-api.ts): an owner's share is the items offered in one of their
 * municipalities (none listed: any) and of one of their categories (none listed: any; a parent code
 * includes its children). An item belongs to every owner whose share covers it; an item no share covers
 * belongs to the coordinators (owners with neither list); with no coordinator it is unassigned.
 */
import type { Intervention } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { type ReviewState, reviewDeadlines, reviewState } from '../../shared/review.ts';
import type { DueItem, DueResponse, ReviewConfig, ReviewOwner } from '../../shared/review-api.ts';
import { categoryMatches } from '../../shared/taxonomy.ts';
import { readPointer, readSnapshot } from '../catalogue/store.ts';
import { readReviewConfig } from './config-store.ts';

const isCoordinator = (owner: ReviewOwner) =>
  owner.municipalities.length === 0 && owner.categories.length === 0;

function covers(owner: ReviewOwner, item: Intervention): boolean {
  const municipalityOk =
    owner.municipalities.length === 0 || item.municipalities.some((m) => owner.municipalities.includes(m));
  const categoryOk =
    owner.categories.length === 0 || owner.categories.some((c) => categoryMatches(item.category, c));
  return municipalityOk && categoryOk;
}

/** The owners of one item (deduplicated by e-mail, in configuration order). */
export function ownersOf(owners: readonly ReviewOwner[], item: Intervention): ReviewOwner[] {
  const specific = owners.filter((o) => !isCoordinator(o) && covers(o, item));
  const chosen = specific.length > 0 ? specific : owners.filter(isCoordinator);
  const seen = new Set<string>();
  return chosen.filter((o) => {
    const key = o.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SEVERITY: Record<ReviewState, number> = { hidden: 0, overdue: 1, due: 2, current: 3 };
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function dueItems(
  items: readonly Intervention[],
  config: Pick<ReviewConfig, 'owners' | 'reviewIntervalDays'>,
  now: Date,
): { items: DueItem[]; counts: Record<ReviewState, number>; unassigned: number } {
  const counts: Record<ReviewState, number> = { current: 0, due: 0, overdue: 0, hidden: 0 };
  const list: DueItem[] = [];
  let unassigned = 0;
  for (const item of items) {
    const state = reviewState(item, now, config.reviewIntervalDays);
    counts[state]++;
    if (state === 'current') continue;
    const deadlines = reviewDeadlines(item, config.reviewIntervalDays);
    const owners = ownersOf(config.owners, item);
    if (owners.length === 0) unassigned++;
    list.push({
      id: item.id,
      title: item.title.sv,
      category: item.category,
      municipalities: item.municipalities,
      lastReviewedAt: item.lastReviewedAt ?? null,
      reviewedBy: item.reviewedBy ?? null,
      state,
      dueAt: iso(deadlines?.dueAt),
      overdueAt: iso(deadlines?.overdueAt),
      hiddenAt: iso(deadlines?.hiddenAt),
      owners: owners.map((o) => ({ name: o.name, email: o.email })),
    });
  }
  // Most urgent first, then the longest unconfirmed (never confirmed first of all), then by id.
  list.sort(
    (a, b) =>
      SEVERITY[a.state] - SEVERITY[b.state] ||
      (a.lastReviewedAt ?? '').localeCompare(b.lastReviewedAt ?? '') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { items: list, counts, unassigned };
}

export async function regionDue(
  region: RegionConfig,
  now = new Date(),
  filter: { state?: ReviewState; owner?: string; municipality?: string } = {},
): Promise<DueResponse> {
  const [config, live] = await Promise.all([readReviewConfig(region), readPointer(region.tableName)]);
  const items = live ? await readSnapshot(region.tableName, live.version) : [];
  const due = dueItems(items, config, now);
  const owner = filter.owner?.toLowerCase();
  const selected = due.items.filter(
    (i) =>
      (!filter.state || i.state === filter.state) &&
      (!owner || i.owners.some((o) => o.email.toLowerCase() === owner)) &&
      (!filter.municipality || i.municipalities.includes(filter.municipality)),
  );
  return {
    regionId: region.id,
    now: now.toISOString(),
    reviewIntervalDays: config.reviewIntervalDays,
    overdueGraceDays: config.overdueGraceDays,
    version: live?.version ?? null,
    counts: { total: items.length, ...due.counts, unassigned: due.unassigned },
    items: selected,
  };
}
