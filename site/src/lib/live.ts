/**
 * In the browser: is a newer catalogue published than the one the page was built with?
 * The page is static and rebuilt on deploy; this lets newly published data show without a redeploy.
 * Reads the same public API as the build, same origin (`connect-src 'self'`).
 */
import type { Intervention } from '../../../shared/intervention.ts';
import { LIMITS } from '../../../shared/limits.ts';

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

/**
 * The API validated every item when it was published; the browser checks only what rendering relies on,
 * so a surprise in the answer leaves the build-time list in place instead of breaking the page.
 */
export function isRenderableIntervention(value: unknown): value is Intervention {
  if (!isObject(value)) return false;
  const { id, title, category, municipalities, languages, audiences, provider, delivery } = value;
  return (
    typeof id === 'string' &&
    isObject(title) &&
    typeof title['sv'] === 'string' &&
    typeof category === 'string' &&
    Array.isArray(municipalities) &&
    Array.isArray(languages) &&
    Array.isArray(audiences) &&
    typeof delivery === 'string' &&
    isObject(provider) &&
    typeof provider['name'] === 'string'
  );
}

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
export async function fetchNewerCatalogue(
  regionId: string,
  knownVersion: number,
  options: { fetch?: Fetch; signal?: AbortSignal } = {},
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
