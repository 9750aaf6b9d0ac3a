/**
 * GET /api/coverage — the coverage matrix for the county boards (public: it is open data).
 * Optional `county`, `region`, `category`, `language` (unknown codes → 400); `format=csv` answers one
 * table (`table=municipalities|regions|gaps`) for spreadsheets with every cell neutralised.
 * Reads the regions' live catalogues from the warm snapshot cache (never a scan per request).
 */
import { CoverageQuerySchema } from '../../shared/coverage.ts';
import { HttpError } from '../lib/errors.ts';
import { httpHandler, json, parseQuery, text } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { listRegions } from '../registry/store.ts';
import { computeCoverage } from './coverage.ts';
import { coverageCsv, csvFileName } from './csv.ts';
import { latestFigures, readNewcomerFigures } from './newcomers-store.ts';
import { SnapshotCache } from './snapshots.ts';

/** One cache per warm function instance. */
export const snapshots = new SnapshotCache();

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
  const [current, figures] = await Promise.all([
    snapshots.current(regions),
    // Newcomer figures are optional context: without them the matrix is still right.
    readNewcomerFigures().catch((error) => {
      log.warn('newcomer figures unavailable', { error });
      return new Map<string, Map<number, number>>();
    }),
  ]);
  const answer = computeCoverage({
    snapshots: current,
    filters: {
      county: query.county,
      region: query.region,
      category: query.category,
      language: query.language,
    },
    newcomers: latestFigures(figures),
    now: new Date(),
  });
  if (query.format === 'csv') {
    return text(200, coverageCsv(answer, query.table, query.lang), 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="${csvFileName(answer, query.table)}"`,
    });
  }
  return json(200, answer);
});
