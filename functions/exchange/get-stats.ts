/** GET /api/exchange/stats?county=01 — public aggregate figures of the exchange (see stats.ts). */
import { ExchangeStatsQuerySchema } from '../../shared/exchange.ts';
import { isCountyCode } from '../../shared/geo.ts';
import { HttpError } from '../lib/errors.ts';
import { httpHandler, json, parseQuery } from '../lib/http.ts';
import { guardStore } from './edge.ts';
import { exchangeStats } from './stats.ts';

export const handler = httpHandler(async (event) => {
  const { county } = parseQuery(ExchangeStatsQuerySchema, event);
  if (county && !isCountyCode(county)) {
    throw new HttpError(400, 'invalid-query', {
      sv: `Länet "${county}" finns inte.`,
      en: `The county "${county}" does not exist.`,
    });
  }
  return json(200, await guardStore(() => exchangeStats(county)), { 'cache-control': 'public, max-age=60' });
});
