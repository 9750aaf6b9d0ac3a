/**
 * The JSON body of a search answer. A page from the answer cache is written out once and reused: its
 * results with their review states (the clock and each region's interval decide them) stay valid until
 * the first instant one of them changes state; the regions' statuses are appended per request. The
 * text is exactly what serializing the answer afresh gives (test/search/response-body.test.ts); the
 * written part keeps its UTF-8 bytes too, so a server writing bytes encodes only the appended tail.
 */
import { nextStateChange, reviewState } from '../../shared/review.ts';
import { type EncodedText, encodeText } from '../lib/http.ts';
import type { SearchPage } from './engine/federated.ts';
import { toSearchResult } from './engine/index.ts';

export type RegionStatuses = Record<string, { status: string; version: number | null }>;

interface Written {
  /** `{"total":…,"results":[…],"facets":{…}` — the body up to the regions' statuses. */
  head: EncodedText;
  /** The review intervals the states were computed with (result regions, in result order). */
  intervals: string;
  /** Valid from this instant (when written) until the first instant a result's review state changes. */
  from: number;
  validUntil: number;
}

const written = new WeakMap<SearchPage, Written>();

/**
 * `{"total":…,"results":[…],"facets":{…}` of `page` at `now` — kept with the page and reused while its
 * results' review states and their regions' intervals hold. The warm-up before a swap writes it too.
 */
export function writtenHead(
  page: SearchPage,
  now: number,
  intervalOf: (regionId: string) => number,
): EncodedText {
  let intervals = '';
  for (const hit of page.results) intervals += `${intervalOf(hit.regionId)},`;
  let entry = written.get(page);
  if (!entry || entry.intervals !== intervals || now < entry.from || now >= entry.validUntil) {
    let validUntil = Number.POSITIVE_INFINITY;
    const results = page.results.map((hit) => {
      const interval = intervalOf(hit.regionId);
      validUntil = Math.min(validUntil, nextStateChange(hit.item, now, interval));
      return { ...toSearchResult(hit), reviewState: reviewState(hit.item, now, interval) };
    });
    const head = JSON.stringify({ total: page.total, results, facets: page.facets });
    entry = { head: encodeText(head.slice(0, -1)), intervals, from: now, validUntil };
    written.set(page, entry);
  }
  return entry.head;
}

/** The whole body: the written head, then the regions' statuses now and the next cursor. */
export function searchResponseBody(
  page: SearchPage,
  statuses: RegionStatuses,
  now: number,
  intervalOf: (regionId: string) => number,
): EncodedText[] {
  return [
    writtenHead(page, now, intervalOf),
    encodeText(`,"regions":${JSON.stringify(statuses)},"nextCursor":${JSON.stringify(page.nextCursor)}}`),
  ];
}
