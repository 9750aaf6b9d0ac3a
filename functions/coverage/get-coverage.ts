/**
 * GET /api/coverage — the coverage matrix for the county boards (public: it is open data).
 * Optional `county`, `region`, `category`, `language` (unknown codes → 400); `format=csv` answers one
 * table (`table=municipalities|regions|gaps`) for spreadsheets with every cell neutralised.
 * Reads the regions' live catalogues from the warm snapshot cache (never a scan per request), and each
 * region's review interval from the cache newcomer search hides by (functions/review/config-store.ts:
 * read a minute at most, awaited with a deadline only the first time), so "stale" here is exactly
 * "hidden from search" there.
 */
import { CoverageQuerySchema, type CoverageResponse } from '../../shared/coverage.ts';
import { HttpError } from '../lib/errors.ts';
import { httpHandler, json, parseQuery, text } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { listRegions } from '../registry/store.ts';
import { refreshReviewIntervals, reviewIntervalOf } from '../review/config-store.ts';
import { computeCoverage } from './coverage.ts';
import { coverageCsv, csvFileName } from './csv.ts';
import { latestFigures, readNewcomerFigures } from './newcomers-store.ts';
import { SnapshotCache } from './snapshots.ts';

/** One cache per warm function instance. */
export const snapshots = new SnapshotCache();

/**
 * Computed answers, keyed by the filters, every region's live version and status, and the newcomer
 * figures: the national matrix over 60,000 interventions takes ~250 ms to compute, a repeat takes none.
 * Kept a minute at most (review shares and days since publishing move with the clock).
 */
const ANSWER_TTL_MS = 60_000;
const MAX_ANSWERS = 64;
const answers = new Map<string, { at: number; answer: CoverageResponse }>();

export const handler = httpHandler(async (event) => {
  const query = parseQuery(CoverageQuerySchema, event);
  const regions = await guardStore(() => listRegions());
  if (query.region && !regions.some((r) => r.id === query.region)) {
    throw new HttpError(
      400,
      'invalid-query',
      { sv: `Regionen "${query.region}" finns inte.`, en: `The region "${query.region}" does not exist.` },
      { details: [{ path: 'region', code: 'unknown_region', message: 'Unknown region' }] },
    );
  }
  const [current, , figures] = await Promise.all([
    snapshots.current(regions),
    // Never fails: a store that cannot be read keeps its last interval (or the default).
    refreshReviewIntervals(regions).then(() => undefined),
    // Newcomer figures are optional context: without them the matrix is still right.
    readNewcomerFigures().catch((error) => {
      log.warn('newcomer figures unavailable', { error });
      return new Map<string, Map<number, number>>();
    }),
  ]);
  const filters = {
    county: query.county,
    region: query.region,
    category: query.category,
    language: query.language,
  };
  const newcomers = latestFigures(figures);
  const reviewIntervals = new Map(regions.map((r) => [r.id, reviewIntervalOf(r.id)]));
  const key = JSON.stringify([
    filters,
    current.map((s) => [s.region.id, s.pointer?.version ?? null, s.status, reviewIntervals.get(s.region.id)]),
    [...newcomers].map(([code, f]) => `${code}:${f.year}:${f.count}`),
  ]);
  const now = Date.now();
  const cached = answers.get(key);
  let answer = cached && now - cached.at < ANSWER_TTL_MS ? cached.answer : undefined;
  if (!answer) {
    answer = computeCoverage({ snapshots: current, filters, newcomers, reviewIntervals, now: new Date(now) });
    answers.delete(key);
    answers.set(key, { at: now, answer });
    for (const old of answers.keys()) {
      if (answers.size <= MAX_ANSWERS) break;
      answers.delete(old);
    }
  }
  if (query.format === 'csv') {
    return text(200, coverageCsv(answer, query.table, query.lang), 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="${csvFileName(answer, query.table)}"`,
    });
  }
  return json(200, answer);
});
