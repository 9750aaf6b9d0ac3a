/**
 * In the browser: is a newer catalogue published than the one the page was built with?
 * The page is static and rebuilt on deploy; this lets newly published data show without a redeploy.
 * Reads the same public API as the build, same origin (`connect-src 'self'`).
 */
import type { Intervention } from '../../../shared/intervention.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { isRenderableIntervention } from './renderable.ts';

export { isRenderableIntervention };

/** Page size when the browser re-reads a catalogue: the API's maximum, for the fewest requests. */
const PAGE_SIZE = LIMITS.pageSizeMax;

export interface LiveCatalogue {
  version: number;
  items: Intervention[];
}

type Fetch = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<Response>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

interface Page {
  version: number;
  items: unknown[];
  nextCursor: string | null;
}

function isPage(value: unknown): value is Page {
  return (
    isObject(value) &&
    typeof value['version'] === 'number' &&
    Array.isArray(value['items']) &&
    (value['nextCursor'] === null || typeof value['nextCursor'] === 'string')
  );
}

/**
 * The region's catalogue when its published version is newer than `knownVersion`, else `undefined`.
 * Reads only the first page when nothing changed. Throws on network or shape errors (the caller keeps
 * the build-time list).
 */
export function fetchNewerCatalogue(
  regionId: string,
  knownVersion: number,
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<LiveCatalogue | undefined> {
  // Two islands of one page (the region's counts and its list) share one download.
  if (options.fetch) return readNewerCatalogue(regionId, knownVersion, options);
  const key = `${regionId}@${knownVersion}`;
  let pending = shared.get(key);
  if (!pending) {
    pending = readNewerCatalogue(regionId, knownVersion, {});
    pending.catch(() => shared.delete(key));
    shared.set(key, pending);
  }
  return options.signal ? abortable(pending, options.signal) : pending;
}

const shared = new Map<string, Promise<LiveCatalogue | undefined>>();

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}

async function readNewerCatalogue(
  regionId: string,
  knownVersion: number,
  options: { fetch?: Fetch; signal?: AbortSignal },
): Promise<LiveCatalogue | undefined> {
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  const base = `/api/regions/${encodeURIComponent(regionId)}/interventions?limit=${PAGE_SIZE}`;
  const items: Intervention[] = [];
  let version: number | undefined;
  let cursor: string | null = null;
  do {
    const url: string = cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base;
    const response = await doFetch(url, { signal: options.signal, headers: { accept: 'application/json' } });
    if (response.status === 404 && version === undefined) return undefined; // nothing published
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const page: unknown = await response.json();
    if (!isPage(page)) throw new Error(`GET ${url} answered an unexpected shape`);
    if (version === undefined && page.version <= knownVersion) return undefined;
    if (version !== undefined && page.version !== version)
      throw new Error('The catalogue changed while it was read');
    version = page.version;
    for (const item of page.items) {
      if (!isRenderableIntervention(item))
        throw new Error(`GET ${url} answered an item that cannot be shown`);
      items.push(item);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { version, items };
}

// ---------------------------------------------------------------------------------------------
// Municipality pages and region overviews.

/** Region id → its published version now (0: nothing published). One small request. */
export async function fetchRegionVersions(
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<Record<string, number>> {
  const doFetch: Fetch = options.fetch ?? ((u, init) => fetch(u, init));
  const response = await doFetch('/api/regions', {
    signal: options.signal,
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`GET /api/regions answered ${response.status}`);
  const body: unknown = await response.json();
  const regions = isObject(body) && Array.isArray(body['regions']) ? body['regions'] : undefined;
  if (!regions) throw new Error('GET /api/regions answered an unexpected shape');
  const versions: Record<string, number> = {};
  for (const region of regions) {
    if (!isObject(region) || typeof region['id'] !== 'string')
      throw new Error('GET /api/regions: a region without id');
    const catalogue = region['catalogue'];
    versions[region['id']] =
      isObject(catalogue) && typeof catalogue['version'] === 'number' ? catalogue['version'] : 0;
  }
  return versions;
}

export type LiveItem = Intervention & { regionId: string };

interface SearchPage {
  results: unknown[];
  nextCursor: string | null;
}

/**
 * Every intervention a region offers in a municipality, read through the national search (`region` and
 * `municipality` filters, all pages). The search also counts remote interventions as available in every
 * municipality; a listing shows what names the municipality, so those are left out here.
 */
async function regionItemsIn(
  regionId: string,
  municipality: string,
  options: { fetch?: Fetch; signal?: AbortSignal },
): Promise<LiveItem[]> {
  const doFetch: Fetch = options.fetch ?? ((u, init) => fetch(u, init));
  const base = `/api/search?region=${encodeURIComponent(regionId)}&municipality=${encodeURIComponent(municipality)}&limit=${PAGE_SIZE}`;
  const items: LiveItem[] = [];
  let cursor: string | null = null;
  do {
    const url: string = cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base;
    const response = await doFetch(url, { signal: options.signal, headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const page = (await response.json()) as Partial<SearchPage> | null;
    if (
      !page ||
      !Array.isArray(page.results) ||
      (page.nextCursor !== null && typeof page.nextCursor !== 'string')
    )
      throw new Error(`GET ${url} answered an unexpected shape`);
    for (const result of page.results) {
      if (!isRenderableIntervention(result))
        throw new Error(`GET ${url} answered an item that cannot be shown`);
      if (!result.municipalities.includes(municipality)) continue;
      // The listing decides review states itself, with its own clock, as for a region's catalogue.
      const {
        score: _score,
        regionId: _regionId,
        reviewState: _reviewState,
        ...item
      } = result as Intervention & { score?: number; regionId?: string; reviewState?: string };
      items.push({ ...item, regionId });
    }
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return items;
}

/**
 * Every intervention offered in a municipality, when a region that had items there at build time has
 * published since (else `undefined`: the page's list is current). One small request when nothing changed.
 * A region that offers something there for the first time shows with the next build. `force` reads the
 * items even when no version changed (an item's review state changed since the build).
 */
export async function fetchNewerMunicipality(
  municipality: string,
  built: Record<string, number>,
  options: { fetch?: Fetch; signal?: AbortSignal; force?: boolean } = {},
): Promise<LiveItem[] | undefined> {
  const regions = Object.keys(built);
  if (!options.force) {
    const now = await fetchRegionVersions(options);
    if (!regions.some((regionId) => (now[regionId] ?? 0) !== built[regionId])) return undefined;
  }
  const lists = await Promise.all(regions.map((regionId) => regionItemsIn(regionId, municipality, options)));
  return lists.flat();
}
