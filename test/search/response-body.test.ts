/**
 * A search answer written once and reused is byte for byte what serializing it afresh gives — at every
 * instant, across the review deadlines of its results, after an interval change and with other statuses.
 */
import { describe, expect, it } from 'vitest';
import type { EncodedText } from '../../functions/lib/http.ts';
import { searchFederated, toSearchResult } from '../../functions/search/engine/index.ts';
import { type RegionStatuses, searchResponseBody as written } from '../../functions/search/response-body.ts';
import { DAY_MS, reviewState } from '../../shared/review.ts';
import { region } from './helpers.ts';

const reviewed = Date.parse('2026-08-01T00:00:00Z');
const index = region('ab', [
  { id: 'fresh', title: 'SFI på kvällstid', lastReviewedAt: '2026-08-01' },
  { id: 'older', title: 'SFI för föräldrar', lastReviewedAt: '2026-05-01T12:00:00Z' },
  { id: 'never', title: 'SFI intensivkurs' },
]);
const page = searchFederated([index], { q: 'sfi' });

/** The body's text, after checking that its bytes are exactly that text's UTF-8. */
function searchResponseBody(...args: Parameters<typeof written>): string {
  const pieces: EncodedText[] = written(...args);
  const text = pieces.map((piece) => piece.text).join('');
  expect(Buffer.concat(pieces.map((piece) => piece.bytes)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  return text;
}

function fresh(statuses: RegionStatuses, now: number, interval: number): string {
  return JSON.stringify({
    total: page.total,
    results: page.results.map((hit) => ({
      ...toSearchResult(hit),
      reviewState: reviewState(hit.item, now, interval),
    })),
    facets: page.facets,
    regions: statuses,
    nextCursor: page.nextCursor,
  });
}

describe('search response body', () => {
  const ok: RegionStatuses = { ab: { status: 'ok', version: 1 } };
  const stale: RegionStatuses = { ab: { status: 'stale', version: 1 } };

  it('equals a fresh serialization at every instant around the review deadlines', () => {
    const dueAt = reviewed + 90 * DAY_MS;
    const overdueAt = dueAt + 30 * DAY_MS;
    const hiddenAt = overdueAt + 90 * DAY_MS;
    const instants = [
      reviewed,
      dueAt - 1,
      dueAt,
      dueAt + 1,
      overdueAt,
      overdueAt + 1,
      hiddenAt,
      hiddenAt + 1,
    ];
    // In order, so each call may reuse what the one before wrote.
    for (const now of instants) {
      expect(searchResponseBody(page, ok, now, () => 90)).toBe(fresh(ok, now, 90));
    }
    const states = JSON.parse(searchResponseBody(page, ok, dueAt + 1, () => 90)) as {
      results: { id: string; reviewState: string }[];
    };
    expect(Object.fromEntries(states.results.map((r) => [r.id, r.reviewState]))).toMatchObject({
      fresh: 'due',
      never: 'due',
    });
  });

  it("follows the region's interval and the statuses of the moment", () => {
    const now = reviewed + 45 * DAY_MS;
    expect(searchResponseBody(page, ok, now, () => 90)).toBe(fresh(ok, now, 90));
    expect(searchResponseBody(page, ok, now, () => 30)).toBe(fresh(ok, now, 30));
    expect(searchResponseBody(page, stale, now, () => 30)).toBe(fresh(stale, now, 30));
  });
});
