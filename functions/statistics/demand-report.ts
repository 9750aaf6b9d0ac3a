/**
 * The demand report: read the day counters of a window and turn them into what may be shown.
 *
 * Suppression (k = LIMITS.minimumReportableCount = 5): a count is first formed per municipality (or,
 * for searches that named none, per "no municipality"), summed over the window's days and the two
 * low-result buckets; a cell below k is withheld before anything is added up. A county's row is the
 * sum of its municipalities' shown cells only, so a county figure minus a municipality figure never
 * reveals a withheld count. The answer has no totals, and no split of a row by bucket.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DemandResponse } from '../../shared/coverage.ts';
import { LIMITS } from '../../shared/limits.ts';
import { registryTableName } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo.ts';
import { TtlCache } from '../lib/ttl-cache.ts';
import { type DemandKey, demandPk, parseDemandSortKey } from './demand-key.ts';

export interface DemandCounter {
  key: DemandKey;
  count: number;
}

const READ_CONCURRENCY = 10;

/** Every counter of the given days whose key starts with `prefix` (`01|` a county, `01|0126|` a municipality). */
async function readDay(day: string, prefix: string): Promise<DemandCounter[]> {
  const counters: DemandCounter[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: registryTableName(),
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: prefix
          ? { ':pk': demandPk(day), ':prefix': prefix }
          : { ':pk': demandPk(day) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const key = parseDemandSortKey(String(item.sk));
      const count = Number(item.count);
      if (key && Number.isFinite(count) && count > 0) counters.push({ key, count });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counters;
}

/** Past days no longer change (but for a late flush around midnight): a warm instance reads each once. */
export const PAST_DAY_CACHE_MS = 10 * 60_000;
const pastDays = new TtlCache<DemandCounter[]>(PAST_DAY_CACHE_MS, { maxEntries: 2_000 });

/** The counters of the given days (most recent first: `days[0]` is today, always read fresh). */
export async function readDemandCounters(days: readonly string[], prefix: string): Promise<DemandCounter[]> {
  const counters: DemandCounter[] = [];
  let next = 0;
  const worker = async () => {
    while (next < days.length) {
      const index = next++;
      const day = days[index]!;
      const found =
        index === 0
          ? await readDay(day, prefix)
          : await pastDays.get(`${day}|${prefix}`, () => readDay(day, prefix));
      counters.push(...found);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, days.length) }, worker));
  return counters;
}

const LOW_RESULT_BUCKETS = new Set(['0', '1-2']);

/** Sum per cell, withhold cells below k, then add the shown cells up per row. */
function suppressAndRollUp(
  cells: Map<string, { row: string; count: number }>,
  k: number,
): { rows: Map<string, number>; suppressed: number } {
  const rows = new Map<string, number>();
  let suppressed = 0;
  for (const { row, count } of cells.values()) {
    if (count < k) {
      suppressed++;
      continue;
    }
    rows.set(row, (rows.get(row) ?? 0) + count);
  }
  return { rows, suppressed };
}

export function demandReport(
  counters: readonly DemandCounter[],
  options: { limit: number; minimumReportableCount?: number },
): Pick<DemandResponse, 'unmet' | 'languages' | 'suppressedRows' | 'minimumReportableCount'> {
  const k = options.minimumReportableCount ?? LIMITS.minimumReportableCount;
  const unmetCells = new Map<string, { row: string; count: number }>();
  const languageCells = new Map<string, { row: string; count: number }>();
  const rowInfo = new Map<string, { terms: string[]; filters: Record<string, string> }>();
  for (const { key, count } of counters) {
    if (LOW_RESULT_BUCKETS.has(key.bucket)) {
      const row = `${key.filterText}|${key.terms.join(' ')}`;
      rowInfo.set(row, { terms: key.terms, filters: key.filters });
      const cell = `${key.municipality}|${row}`;
      const entry = unmetCells.get(cell) ?? { row, count: 0 };
      entry.count += count;
      unmetCells.set(cell, entry);
    }
    const language = key.filters.language;
    if (language) {
      const cell = `${key.municipality}|${language}`;
      const entry = languageCells.get(cell) ?? { row: language, count: 0 };
      entry.count += count;
      languageCells.set(cell, entry);
    }
  }
  const unmet = suppressAndRollUp(unmetCells, k);
  const languages = suppressAndRollUp(languageCells, k);
  const byCount = <T extends { count: number }>(a: T & { sortKey: string }, b: T & { sortKey: string }) =>
    b.count - a.count || a.sortKey.localeCompare(b.sortKey);
  return {
    minimumReportableCount: k,
    unmet: [...unmet.rows]
      .map(([row, count]) => ({ ...rowInfo.get(row)!, count, sortKey: row }))
      .sort(byCount)
      .slice(0, options.limit)
      .map(({ sortKey: _sortKey, ...rest }) => rest),
    languages: [...languages.rows]
      .map(([language, count]) => ({ language, count, sortKey: language }))
      .sort(byCount)
      .slice(0, options.limit)
      .map(({ sortKey: _sortKey, ...rest }) => rest),
    suppressedRows: unmet.suppressed + languages.suppressed,
  };
}
