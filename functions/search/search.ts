/**
 * GET /api/search — the federated national search. Answers from warm in-memory indexes of every
 * region's live version (never a DynamoDB scan per request); the `regions` map says which regions
 * answered from their live version (`ok`), from their last loaded one (`stale`) or not at all.
 */
import { LIMITS } from '../../shared/limits.ts';
import { type SearchQuery, SearchQuerySchema } from '../../shared/search.ts';
import { HttpError } from '../lib/errors.ts';
import { encodedText, httpHandler, JSON_TYPE, parseQuery } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { listRegions } from '../registry/store.ts';
import { refreshReviewIntervals, reviewIntervalOf } from '../review/config-store.ts';
import { hideUnreviewed } from '../review/search-visibility.ts';
import { recordSearch } from '../statistics/demand-recorder.ts';
import { AnswerCache } from './answer-cache.ts';
import { InvalidCursorError, type RegionIndex, searchFederated } from './engine/index.ts';
import { Federation } from './federation.ts';
import { searchResponseBody, writtenHead } from './response-body.ts';

/** Answers reused while the same index objects are searched (answer-cache.ts): identical to recomputing. */
export const answers = new AnswerCache();

/** An answer computed ahead of a swap, its JSON written too (response-body.ts keeps it with the page). */
function warmAnswer(indexes: readonly RegionIndex[], query: SearchQuery) {
  const page = searchFederated(indexes, query);
  writtenHead(page, Date.now(), reviewIntervalOf);
  return page;
}

/**
 * One federation per warm function instance. Items unconfirmed for two review intervals (the region's
 * interval, shared/review.ts) are left out of newcomer search; they stay in the admin view and the export.
 * A region's new index goes live once the popular answers over it are computed, so a publish does not
 * make every popular query miss at once.
 */
export const federation = new Federation({
  filter: hideUnreviewed,
  beforeSwap: (next) =>
    answers.prepare(next, warmAnswer, { answers: LIMITS.searchWarmAnswers, ms: LIMITS.searchWarmMs }),
});

export const handler = httpHandler(async (event) => {
  const query = parseQuery(SearchQuerySchema, event);
  const regions = await guardStore(() => listRegions());
  if (query.region && !regions.some((r) => r.id === query.region)) {
    throw new HttpError(400, 'invalid-query', {
      sv: `Regionen "${query.region}" finns inte.`,
      en: `The region "${query.region}" does not exist.`,
    });
  }
  await refreshReviewIntervals(regions); // cached a minute; awaited only the first time (with a deadline)
  const { indexes, statuses } = await federation.current(regions);
  let page: ReturnType<typeof searchFederated>;
  try {
    page = answers.answer(indexes, query, () => searchFederated(indexes, query));
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new HttpError(400, 'invalid-cursor', {
        sv: 'Sidmarkören hör inte till den här sökningen. Börja om från första sidan.',
        en: 'The page cursor does not belong to this search. Start again from the first page.',
      });
    }
    throw error;
  }
  recordSearch(query, page.total); // anonymous demand counter: in memory, flushed in the background
  // Each result's review state at answer time (the region's interval), the regions' statuses now.
  return encodedText(200, searchResponseBody(page, statuses, Date.now(), reviewIntervalOf), JSON_TYPE);
});
