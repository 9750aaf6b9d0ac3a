import { describe, expect, it } from 'vitest';
import {
  buildRegionIndex,
  decodeCursor,
  InvalidCursorError,
  type RegionIndex,
  searchFederated,
} from '../../functions/search/engine/index.ts';
import type { SearchQuery } from '../../shared/search.ts';
import { type ItemSpec, item, region } from './helpers.ts';

// 3 regions × 9 items with few distinct titles and dates: many equal scores and equal dates to tie-break.
const TITLES = ['Praktik i vården', 'Praktik', 'Praktik och svenska', 'Svenska för föräldrar'];
const DATES = ['2026-01-01', '2026-02-01', undefined];
function specs(prefix: string): ItemSpec[] {
  return Array.from({ length: 9 }, (_, i) => ({
    id: `${prefix}-${i}`,
    title: TITLES[i % TITLES.length]!,
    category: i % 2 ? 'arbete.praktik' : 'sfi',
    lastReviewedAt: DATES[i % DATES.length],
    cost: { free: i % 3 !== 0 },
  }));
}
const indexes = ['alfa', 'beta', 'gamma'].map((id) => region(id, specs(id)));

function pageThrough(query: Partial<SearchQuery>, limit: number, over: RegionIndex[] = indexes) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = searchFederated(over, { ...query, limit, cursor });
    expect(page.results.length).toBeLessThanOrEqual(limit);
    seen.push(...page.results.map((r) => `${r.regionId}/${r.id}`));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('did not end');
}
const onePage = (query: Partial<SearchQuery>) =>
  searchFederated(indexes, { ...query, limit: 100 }).results.map((r) => `${r.regionId}/${r.id}`);

describe('cursor pagination', () => {
  it.each([
    ['a text query with many equal scores', { q: 'praktik' }],
    ['a two-term text query', { q: 'praktik svenska' }],
    ['an empty query (freshness order, many equal dates)', {}],
    ['a filtered empty query', { free: true }],
    ['a filtered text query', { q: 'svenska', category: 'sfi' }],
  ])('paging %s with limit 3 gives exactly the one big page', (_, query: Partial<SearchQuery>) => {
    const all = onePage(query);
    expect(all.length).toBeGreaterThan(3);
    const paged = pageThrough(query, 3);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('any page size gives the same sequence', () => {
    const all = onePage({ q: 'praktik' });
    for (const limit of [1, 2, 5, 7, 26]) expect(pageThrough({ q: 'praktik' }, limit)).toEqual(all);
  });

  it('the last page has no next cursor', () => {
    const page = searchFederated(indexes, { q: 'praktik', limit: 100 });
    expect(page.nextCursor).toBeNull();
    expect(searchFederated(indexes, { q: 'praktik', limit: 1 }).nextCursor).not.toBeNull();
  });

  it('the cursor is opaque base64url carrying the last position and the region versions', () => {
    const { nextCursor, results } = searchFederated(indexes, { q: 'praktik', limit: 2 });
    expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const position = decodeCursor(nextCursor!);
    expect(position).toMatchObject({ mode: 'score', regionId: results[1]!.regionId, id: results[1]!.id });
    expect(position.key).toBe(results[1]!.score);
    expect(position.versions).toEqual({ alfa: 1, beta: 1, gamma: 1 });
  });

  it('a cursor that cannot be read, or belongs to another query, is refused', () => {
    const { nextCursor } = searchFederated(indexes, { q: 'praktik', limit: 2 });
    expect(() => searchFederated(indexes, { q: 'svenska', cursor: nextCursor! })).toThrow(InvalidCursorError);
    expect(() => searchFederated(indexes, { q: 'praktik', free: true, cursor: nextCursor! })).toThrow(
      InvalidCursorError,
    );
    expect(() => searchFederated(indexes, { cursor: nextCursor! })).toThrow(InvalidCursorError);
    expect(() => searchFederated(indexes, { q: 'praktik', cursor: 'not a cursor' })).toThrow(
      InvalidCursorError,
    );
    expect(() => searchFederated(indexes, { q: 'praktik', cursor: 'e30' })).toThrow(InvalidCursorError);
  });

  it('after a region publishes, the cursor continues from its position and says it is stale', () => {
    const first = searchFederated(indexes, { q: 'praktik', limit: 4 });
    const republished = [indexes[0]!, buildRegionIndex('beta', 2, specs('beta').map(item)), indexes[2]!];
    const next = searchFederated(republished, { q: 'praktik', limit: 100, cursor: first.nextCursor! });
    expect(next.cursorStale).toBe(true);
    const ids = [...first.results, ...next.results].map((r) => `${r.regionId}/${r.id}`);
    expect(ids).toEqual(onePage({ q: 'praktik' })); // same content: nothing repeated or skipped
  });

  it('a cursor stays valid when the region it points into disappears', () => {
    const first = searchFederated(indexes, { q: 'praktik', limit: 4 });
    const lastRegion = first.results.at(-1)!.regionId;
    const remaining = indexes.filter((index) => index.regionId !== lastRegion);
    const next = searchFederated(remaining, { q: 'praktik', limit: 100, cursor: first.nextCursor! });
    const before = new Set(first.results.map((r) => `${r.regionId}/${r.id}`));
    expect(next.results.some((r) => before.has(`${r.regionId}/${r.id}`))).toBe(false);
  });
});

describe('page size', () => {
  it('defaults to 20 and is kept between 1 and 100', () => {
    const big = [
      region(
        'big',
        Array.from({ length: 150 }, (_, i) => ({ id: `x${i}`, title: 'Praktik' })),
      ),
    ];
    expect(searchFederated(big, { q: 'praktik' }).results).toHaveLength(20);
    expect(searchFederated(big, { q: 'praktik', limit: 100_000 }).results).toHaveLength(100);
    expect(searchFederated(big, { q: 'praktik', limit: 0 }).results).toHaveLength(1);
    expect(searchFederated(big, { q: 'praktik', limit: Number.NaN }).results).toHaveLength(20);
    expect(searchFederated(big, { q: 'praktik' }).total).toBe(150);
  });
});
