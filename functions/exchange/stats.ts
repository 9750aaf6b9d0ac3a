/**
 * The exchange in numbers for the coverage page: per county and top-level category, places requested
 * and accepted between municipalities — as buyer (`bought`) and as seller (`sold`). Aggregate only: no
 * names, no municipalities, and a count from 1 to 4 is answered as null (LIMITS.minimumReportableCount),
 * as every statistic of the portal.
 */
import type { CountyExchange, ExchangeFigures, ExchangeStatsResponse } from '../../shared/exchange.ts';
import { COUNTIES, getCounty } from '../../shared/geo.ts';
import { LIMITS } from '../../shared/limits.ts';
import { readStats, type StatsRow } from './requests-store.ts';

const reportable = (n: number): number | null => (n > 0 && n < LIMITS.minimumReportableCount ? null : n);

function figures(row: StatsRow): ExchangeFigures {
  return {
    requestedPlaces: reportable(row.requestedPlaces),
    acceptedPlaces: reportable(row.acceptedPlaces),
    requests: reportable(row.requests),
    acceptedRequests: reportable(row.acceptedRequests),
  };
}

export async function exchangeStats(
  county: string | undefined,
  now = new Date(),
): Promise<ExchangeStatsResponse> {
  const codes = county ? [county] : COUNTIES.map((c) => c.code);
  const rows = await readStats(county);
  const counties: CountyExchange[] = codes.map((code) => {
    const entry: CountyExchange = { county: code, name: getCounty(code)?.name ?? code, bought: {}, sold: {} };
    for (const row of rows) {
      if (row.county === code) (row.side === 'BUY' ? entry.bought : entry.sold)[row.category] = figures(row);
    }
    return entry;
  });
  return {
    generatedAt: now.toISOString(),
    minimumReportableCount: LIMITS.minimumReportableCount,
    // Without a county: only counties with any exchange (the 21 are listed when asked for one by one).
    counties: county
      ? counties
      : counties.filter((c) => Object.keys(c.bought).length || Object.keys(c.sold).length),
  };
}
