/**
 * The coverage page's build-time data: the public API at INSATS_API_URL (as every page of the site is
 * built), validated with the shared schemas, each answer read once per build and shared by all seven
 * languages. The island fetches the same endpoints in the browser, so the page is always current; this
 * is what a visitor without JavaScript sees.
 */
import {
  type CoverageResponse,
  CoverageResponseSchema,
  type DemandResponse,
  DemandResponseSchema,
} from '../../../../shared/coverage.ts';
import { type ExchangeStatsResponse, ExchangeStatsResponseSchema } from '../../../../shared/exchange.ts';

const ATTEMPTS = 3;

function apiBase(): string {
  const raw = process.env.INSATS_API_URL;
  if (!raw)
    throw new Error('INSATS_API_URL is not set: the coverage page reads /api/coverage at build time.');
  return raw.replace(/\/$/, '');
}

async function getJson(path: string): Promise<unknown> {
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(`${apiBase()}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(30_000),
      });
      if (response.ok) return await response.json();
      last = new Error(`GET ${path} answered ${response.status}`);
      if (response.status < 500) break;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
  throw last;
}

export interface BuildTimeCoverage {
  county: string;
  coverage: CoverageResponse;
  /** Null when the statistics could not be read (the page says so; coverage still shows). */
  demand: DemandResponse | null;
  /** Places requested and accepted between municipalities; null when it could not be read. */
  exchange: ExchangeStatsResponse | null;
}

const cache = new Map<string, Promise<BuildTimeCoverage>>();

export function buildTimeCoverage(county: string): Promise<BuildTimeCoverage> {
  let entry = cache.get(county);
  if (!entry) {
    entry = (async () => {
      const [coverage, demand, exchange] = await Promise.all([
        getJson(`/api/coverage?county=${county}`).then((body) => CoverageResponseSchema.parse(body)),
        getJson(`/api/coverage/demand?county=${county}`)
          .then((body) => DemandResponseSchema.parse(body))
          .catch(() => null),
        getJson(`/api/exchange/stats?county=${county}`)
          .then((body) => ExchangeStatsResponseSchema.parse(body))
          .catch(() => null),
      ]);
      return { county, coverage, demand, exchange };
    })();
    cache.set(county, entry);
  }
  return entry;
}
