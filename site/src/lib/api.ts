/**
 * Build-time data access: the public HTTP API at `INSATS_API_URL`, validated with the shared zod schemas.
 *
 * Every page of every language asks this module, so each answer is fetched once per build and kept
 * in module-level maps (the promise, so concurrent callers share one request): with 60 regions ×
 * 2,000 interventions × 7 languages, the API sees one paged read per region, not one per page.
 */
import { z } from 'zod';
import { type Intervention, InterventionSchema } from '../../../shared/intervention.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { type RegionSummary, RegionSummarySchema } from '../../../shared/region.ts';

/** Page size for reading a catalogue: the API's maximum, to keep the number of requests low. */
export const CATALOGUE_PAGE_SIZE = LIMITS.pageSizeMax;
const REQUEST_TIMEOUT_MS = 30_000;
const ATTEMPTS = 3;

export interface Catalogue {
  regionId: string;
  /** The published version; 0 when the region has not published a catalogue yet. */
  version: number;
  items: Intervention[];
}

const RegionsResponse = z.object({ regions: z.array(RegionSummarySchema) });
const CataloguePage = z.object({
  regionId: z.string(),
  version: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
  nextCursor: z.string().nullable(),
});
const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messages: z.object({ sv: z.string(), en: z.string() }).partial().optional(),
    details: z.unknown().optional(),
  }),
});

export class ApiError extends Error {
  readonly url: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  constructor(message: string, context: { url: string; status?: number; code?: string; cause?: unknown }) {
    super(message, { cause: context.cause });
    this.name = 'ApiError';
    this.url = context.url;
    this.status = context.status;
    this.code = context.code;
  }
}

/** The API's base URL, checked once: a missing or malformed variable fails the build with a hint. */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env['INSATS_API_URL'];
  if (!raw) {
    throw new Error(
      'INSATS_API_URL is not set. The site reads its data from the portal API at build time: ' +
        'run `node local/build-site.ts`, or set INSATS_API_URL=http://127.0.0.1:<port> before `astro build`.',
    );
  }
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch (cause) {
    throw new Error(`INSATS_API_URL is not a URL: "${raw}"`, { cause });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET a JSON document; retries network errors and 5xx (a cold function), never 4xx. */
async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const url = `${apiBaseUrl()}${path}`;
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) return { status: response.status, body };
      const error = ErrorResponse.safeParse(body);
      const apiError = new ApiError(
        `GET ${url} answered ${response.status}` + (error.success ? `: ${error.data.error.message}` : ''),
        { url, status: response.status, code: error.success ? error.data.error.code : undefined },
      );
      if (response.status < 500) throw apiError;
      lastError = apiError;
    } catch (error) {
      if (error instanceof ApiError && (error.status ?? 500) < 500) throw error;
      lastError = error;
    }
    if (attempt < ATTEMPTS) await sleep(250 * 2 ** attempt);
  }
  throw lastError instanceof ApiError
    ? lastError
    : new ApiError(`GET ${url} failed after ${ATTEMPTS} attempts; is the portal API running?`, {
        url,
        cause: lastError,
      });
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(`The API answered an unexpected shape for ${what}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

let regionsPromise: Promise<RegionSummary[]> | undefined;

/** Every region with its published catalogue's version and size (one request per build). */
export function getRegions(): Promise<RegionSummary[]> {
  regionsPromise ??= getJson('/api/regions').then(
    ({ body }) => parse(RegionsResponse, body, 'GET /api/regions').regions,
  );
  return regionsPromise;
}

export async function getRegion(regionId: string): Promise<RegionSummary> {
  const region = (await getRegions()).find((r) => r.id === regionId);
  if (!region) throw new Error(`Unknown region "${regionId}"`);
  return region;
}

/** An item as the list endpoint answers it; the API may add the region's id to each item. */
function parseItem(raw: unknown, regionId: string): Intervention {
  const { regionId: _ignored, ...item } = (raw ?? {}) as Record<string, unknown>;
  const result = InterventionSchema.safeParse(item);
  if (!result.success) {
    const id = typeof item['id'] === 'string' ? item['id'] : '?';
    throw new Error(
      `Intervention "${id}" of region "${regionId}" does not match the schema:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

async function fetchCatalogue(regionId: string, restarts = 0): Promise<Catalogue> {
  const region = await getRegion(regionId);
  if (!region.catalogue) return { regionId, version: 0, items: [] };
  const base = `/api/regions/${encodeURIComponent(regionId)}/interventions?limit=${CATALOGUE_PAGE_SIZE}`;
  const items: Intervention[] = [];
  let version: number | undefined;
  let cursor: string | null = null;
  do {
    const path: string = cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base;
    const page = parse(CataloguePage, (await getJson(path)).body, `GET ${path}`);
    if (version !== undefined && page.version !== version) {
      // A publish happened while paging: the cursor belongs to the old version. Start again.
      if (restarts >= ATTEMPTS)
        throw new Error(`The catalogue of "${regionId}" kept changing while it was read`);
      return fetchCatalogue(regionId, restarts + 1);
    }
    version = page.version;
    for (const raw of page.items) items.push(parseItem(raw, regionId));
    cursor = page.nextCursor;
  } while (cursor);
  return { regionId, version: version ?? 0, items };
}

const catalogues = new Map<string, Promise<Catalogue>>();

/** A region's whole published catalogue, read once per build and shared by every page and language. */
export function getCatalogue(regionId: string): Promise<Catalogue> {
  let catalogue = catalogues.get(regionId);
  if (!catalogue) {
    catalogue = fetchCatalogue(regionId);
    catalogues.set(regionId, catalogue);
  }
  return catalogue;
}

/** One intervention (for the intervention pages to come); served from the cached catalogue when loaded. */
export async function getIntervention(regionId: string, id: string): Promise<Intervention> {
  const cached = catalogues.get(regionId);
  if (cached) {
    const item = (await cached).items.find((i) => i.id === id);
    if (item) return item;
  }
  const path = `/api/regions/${encodeURIComponent(regionId)}/interventions/${encodeURIComponent(id)}`;
  const { body } = await getJson(path);
  const page = parse(
    z.object({ regionId: z.string(), version: z.number(), item: z.unknown() }),
    body,
    `GET ${path}`,
  );
  return parseItem(page.item, regionId);
}

/** Forget every cached answer (tests, or a long-running dev server). */
export function clearApiCache(): void {
  regionsPromise = undefined;
  catalogues.clear();
}
