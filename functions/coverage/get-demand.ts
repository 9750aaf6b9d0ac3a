/**
 * GET /api/coverage/demand — what newcomers searched for and did not find, per county or municipality
 * (public, open data): the most frequent searches with 0–2 results and the language filters most used,
 * over a fixed window of 7, 30 or 90 days. Any count below LIMITS.minimumReportableCount is withheld.
 */
import { DemandQuerySchema } from '../../shared/coverage.ts';
import { getMunicipality } from '../../shared/geo.ts';
import { HttpError } from '../lib/errors.ts';
import { httpHandler, json, parseQuery } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { lastDays } from '../statistics/demand-key.ts';
import { demandReport, readDemandCounters } from '../statistics/demand-report.ts';

export const handler = httpHandler(async (event) => {
  const query = parseQuery(DemandQuerySchema, event);
  const municipality = query.municipality ? getMunicipality(query.municipality) : undefined;
  if (municipality && query.county && municipality.county !== query.county) {
    throw new HttpError(
      400,
      'invalid-query',
      {
        sv: `Kommunen ${municipality.name} ligger inte i län ${query.county}.`,
        en: `The municipality ${municipality.name} is not in county ${query.county}.`,
      },
      { details: [{ path: 'municipality', code: 'not_in_county', message: 'Not in the county' }] },
    );
  }
  const county = municipality?.county ?? query.county ?? null;
  const prefix = municipality ? `${municipality.county}|${municipality.code}|` : county ? `${county}|` : '';
  const days = lastDays(query.days);
  const counters = await guardStore(() => readDemandCounters(days, prefix));
  return json(200, {
    scope: { county, municipality: municipality?.code ?? null },
    days: query.days,
    from: days[days.length - 1]!,
    to: days[0]!,
    ...demandReport(counters, { limit: query.limit }),
  });
});
