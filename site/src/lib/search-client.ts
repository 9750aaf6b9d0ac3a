/**
 * Results as you type without flooding the API: requests wait until typing pauses (debounce), a new
 * request aborts the one in flight, and an answer that arrives after a newer request started is dropped.
 * Framework-free, so it is tested with fake timers and a fake fetch.
 */
import type { RegionalItem } from './catalogue-view.ts';
import { isRenderableIntervention } from './renderable.ts';

/** How long typing must pause before a search is sent. */
export const TYPING_DEBOUNCE_MS = 300;

export type Fetch = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<Response>;

/** A failed search (network, HTTP status or shape), with the status when there was one. */
export class SearchRequestError extends Error {
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SearchRequestError';
    this.status = options.status;
  }
}

export interface Requester {
  /** Send after `delayMs` of quiet; a later call within the delay replaces this one. */
  debounced(url: string): void;
  /** Send now (a submitted form, a chip, "load more", a retry). */
  now(url: string): void;
  /** Abort whatever is waiting or in flight. */
  cancel(): void;
}

export interface RequesterOptions<T> {
  fetch?: Fetch;
  delayMs?: number;
  /** Checks the answer's shape; throwing makes it an error. */
  parse: (body: unknown) => T;
  onStart?: (url: string) => void;
  onResult: (result: T, url: string) => void;
  onError: (error: SearchRequestError, url: string) => void;
}

export function createRequester<T>(options: RequesterOptions<T>): Requester {
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  const delay = options.delayMs ?? TYPING_DEBOUNCE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let sequence = 0;

  function clearTimer() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  async function send(url: string) {
    clearTimer();
    controller?.abort();
    const own = new AbortController();
    controller = own;
    const id = ++sequence;
    options.onStart?.(url);
    try {
      const response = await doFetch(url, { signal: own.signal, headers: { accept: 'application/json' } });
      if (!response.ok)
        throw new SearchRequestError(`GET ${url} answered ${response.status}`, { status: response.status });
      const body: unknown = await response.json();
      if (id !== sequence) return;
      options.onResult(options.parse(body), url);
    } catch (error) {
      if (id !== sequence || own.signal.aborted) return; // replaced by a newer request: not an error
      options.onError(
        error instanceof SearchRequestError
          ? error
          : new SearchRequestError(`GET ${url} failed`, { cause: error }),
        url,
      );
    } finally {
      if (controller === own) controller = undefined;
    }
  }

  return {
    debounced(url) {
      clearTimer();
      timer = setTimeout(() => void send(url), delay);
    },
    now(url) {
      void send(url);
    },
    cancel() {
      clearTimer();
      sequence++;
      controller?.abort();
      controller = undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The answer of GET /api/search, checked for what the page relies on (no zod in the browser).

export interface SearchAnswer {
  total: number;
  results: RegionalItem[];
  facets: Record<
    'category' | 'language' | 'municipality' | 'region' | 'audience' | 'delivery',
    Record<string, number>
  >;
  regions: Record<string, { status: string; version: number | null }>;
  nextCursor: string | null;
}

const FACETS = ['category', 'language', 'municipality', 'region', 'audience', 'delivery'] as const;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseSearchAnswer(body: unknown): SearchAnswer {
  if (!isRecord(body)) throw new Error('The search answered something that is not an object');
  const { total, results, facets, regions, nextCursor } = body;
  if (typeof total !== 'number' || !Array.isArray(results) || !isRecord(facets) || !isRecord(regions))
    throw new Error('The search answered an unexpected shape');
  if (nextCursor !== null && typeof nextCursor !== 'string')
    throw new Error('The search answered a bad cursor');
  for (const facet of FACETS)
    if (!isRecord(facets[facet])) throw new Error(`The search lacks the ${facet} facet`);
  for (const result of results) {
    if (!isRenderableIntervention(result) || typeof (result as { regionId?: unknown }).regionId !== 'string')
      throw new Error('The search answered a result that cannot be shown');
  }
  return body as unknown as SearchAnswer;
}
