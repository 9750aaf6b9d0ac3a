/**
 * The search page's state lives in its URL, so a search can be shared, bookmarked and sent by SMS:
 * `/sok/?q=svenska&municipality=0126&free=true`. The parameter names are the API's own
 * (GET /api/search), so the page's query and the API's are the same words.
 *
 * Pure functions: parse a query string into a state (dropping anything malformed, never throwing),
 * serialize a state into the shortest stable query string, and derive the API request.
 */
import { LIMITS } from '../../../shared/limits.ts';

/** Filters with one value each, in the order they appear in a URL. */
export const FILTER_KEYS = [
  'municipality',
  'category',
  'language',
  'audience',
  'delivery',
  'region',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface SearchState {
  /** The text as typed (trimmed and shortened only when it goes into a URL). */
  q: string;
  municipality?: string;
  category?: string;
  language?: string;
  audience?: string;
  delivery?: string;
  region?: string;
  /** Only interventions free for the participant. */
  free: boolean;
}

export const EMPTY_SEARCH: SearchState = Object.freeze({ q: '', free: false });

/** Results per request: a phone screen or two. */
export const SEARCH_PAGE_SIZE = LIMITS.pageSizeDefault;

/** What a well-formed value of each filter looks like (the API checks the exact code lists). */
const PATTERNS: Record<FilterKey, RegExp> = {
  municipality: /^\d{4}$/,
  category: /^[a-z-]{2,40}(\.[a-z-]{2,40})?$/,
  language: /^[a-z]{2,3}$/,
  audience: /^[a-z-]{2,40}$/,
  delivery: /^(on-site|remote|hybrid)$/,
  region: /^[a-z][a-z0-9-]{1,39}$/,
};

/** Codes the site knows, per filter; a value not among them is dropped as if absent. */
export type KnownCodes = Partial<Record<FilterKey, ReadonlySet<string>>>;

/** Text as it goes into a URL and the API: whitespace collapsed, at most the API's length. */
export function normalizeQuery(q: string): string {
  return q.replace(/\s+/g, ' ').trim().slice(0, LIMITS.queryMaxChars).trim();
}

/** Read a state from `?q=…&municipality=…`; unknown parameters and malformed values are ignored. */
export function parseSearchState(search: string | URLSearchParams, known: KnownCodes = {}): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: SearchState = {
    q: normalizeQuery(params.get('q') ?? ''),
    free: params.get('free') === 'true',
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value || !PATTERNS[key].test(value)) continue;
    if (known[key] && !known[key].has(value)) continue;
    state[key] = value;
  }
  return state;
}

function toParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const q = normalizeQuery(state.q);
  if (q) params.set('q', q);
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  if (state.free) params.set('free', 'true');
  return params;
}

/** The query string of a state, `?`-prefixed, or `''` for the empty search. Stable: same state, same URL. */
export function serializeSearchState(state: SearchState): string {
  const query = toParams(state).toString();
  return query ? `?${query}` : '';
}

/** The API request for a state (and a page of it). */
export function searchApiUrl(
  state: SearchState,
  options: { lang: string; cursor?: string | null; limit?: number },
): string {
  const params = toParams(state);
  params.set('limit', String(options.limit ?? SEARCH_PAGE_SIZE));
  if (options.cursor) params.set('cursor', options.cursor);
  params.set('lang', options.lang);
  return `/api/search?${params.toString()}`;
}

/** The state with one filter set (or removed with `undefined`). */
export function withFilter(state: SearchState, key: FilterKey, value: string | undefined): SearchState {
  const next = { ...state };
  if (value) next[key] = value;
  else delete next[key];
  return next;
}

/** Select a value, or deselect it when it is already the selected one (a chip's toggle). */
export function toggleFilter(state: SearchState, key: FilterKey, value: string): SearchState {
  return withFilter(state, key, state[key] === value ? undefined : value);
}

export type ActiveFilter = { key: FilterKey; value: string } | { key: 'free'; value: 'true' };

/** The filters in force, in URL order (the text query is not a filter). */
export function activeFilters(state: SearchState): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value) active.push({ key, value });
  }
  if (state.free) active.push({ key: 'free', value: 'true' });
  return active;
}

/** The state without one of its filters. */
export function withoutFilter(state: SearchState, filter: ActiveFilter): SearchState {
  return filter.key === 'free' ? { ...state, free: false } : withFilter(state, filter.key, undefined);
}

/** Two states ask the API the same thing. */
export function sameSearch(a: SearchState, b: SearchState): boolean {
  return serializeSearchState(a) === serializeSearchState(b);
}
