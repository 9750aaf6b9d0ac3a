/**
 * What one search contributes to the demand statistics, and nothing more: the day (Swedish date), the
 * county and municipality searched in, the result bucket, the filters (closed codes only) and the query's
 * normalised terms — sorted, deduplicated, stop words and anything that looks like personal data removed.
 * Pure functions; the recorder aggregates their keys in memory.
 *
 * Personal-data rules for the terms (docs/coverage.md):
 * - the text is normalised first (the engine's `normalize`: Arabic-Indic and full-width digits → 0–9);
 * - e-mail-like text and web addresses are removed before it is split into words;
 * - runs of digits (with spaces, dashes, dots, slashes or parentheses between them) holding 6 or more
 *   digits are removed: personnummer, samordningsnummer, phone numbers, case numbers;
 * - of the words left, any digits-only word of 6+ digits, any word with both letters and 4+ digits
 *   (reference numbers), and any word longer than 32 characters is dropped;
 * - a query with more than MAX_DEMAND_TERMS distinct words is counted as "a longer text" without its
 *   words: real searches are a few words, long ones tend to be someone describing their situation.
 */
import type { ResultBucket } from '../../shared/coverage.ts';
import { getMunicipality } from '../../shared/geo.ts';
import { normalize, STOP_WORDS, tokenize } from '../search/engine/text.ts';

export const MAX_DEMAND_TERMS = 6;
export const MAX_TERM_CHARS = 32;
/** Stands in for the words of a query longer than MAX_DEMAND_TERMS words. */
export const LONG_QUERY = '*';
/** Stands in for "no municipality" and "no county" in a key. */
export const NONE = '-';
/** DynamoDB allows 1,024 bytes of sort key; keep well below. */
const MAX_KEY_BYTES = 900;

/** The search parameters the statistics look at (a subset of the search query). */
export interface DemandSearch {
  q?: string;
  municipality?: string;
  region?: string;
  category?: string;
  language?: string;
  audience?: string;
  delivery?: string;
  free?: boolean;
  openToOtherMunicipalities?: boolean;
  cursor?: string;
}

const EMAIL = /[^\s@]*@[^\s@]*/g;
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)\S*/gi;
const DIGIT_RUN = /\+?\d[\d\s\-–./()]*\d/g;
const LETTER = /\p{L}/u;

function scrub(text: string): string {
  return text
    .replace(EMAIL, ' ')
    .replace(WEB_ADDRESS, ' ')
    .replace(DIGIT_RUN, (run) => ((run.match(/\d/g)?.length ?? 0) >= 6 ? ' ' : run));
}

function keepTerm(term: string): boolean {
  if (term.length > MAX_TERM_CHARS) return false;
  if (STOP_WORDS.has(term)) return false;
  const digits = term.match(/\d/g)?.length ?? 0;
  if (digits >= 6 && !LETTER.test(term)) return false;
  if (digits >= 4 && LETTER.test(term)) return false;
  return true;
}

/** The query's terms as the statistics keep them: `['*']` for a long query, `[]` for none. */
export function demandTerms(q: string | undefined): string[] {
  if (!q) return [];
  const terms = [...new Set(tokenize(scrub(normalize(q))).filter(keepTerm))].sort();
  return terms.length > MAX_DEMAND_TERMS ? [LONG_QUERY] : terms;
}

export function resultBucket(total: number): ResultBucket {
  if (total <= 0) return '0';
  if (total <= 2) return '1-2';
  if (total <= 10) return '3-10';
  return '11+';
}

const FILTER_KEYS = ['audience', 'category', 'delivery', 'free', 'language', 'open', 'region'] as const;

/** `category=sfi,language=ar`: the filters in a fixed order, closed codes only. */
export function filterString(search: DemandSearch): string {
  const values: Record<(typeof FILTER_KEYS)[number], string | undefined> = {
    audience: search.audience,
    category: search.category,
    delivery: search.delivery,
    free: search.free === undefined ? undefined : String(search.free),
    language: search.language,
    open:
      search.openToOtherMunicipalities === undefined ? undefined : String(search.openToOtherMunicipalities),
    region: search.region,
  };
  return FILTER_KEYS.filter((k) => values[k] !== undefined)
    .map((k) => `${k}=${values[k]}`)
    .join(',');
}

export function parseFilterString(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value) return out;
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/**
 * The sort key of a search's counter: `county|municipality|bucket|filters|terms`, readable, no hash.
 * Undefined when the search is not counted: a next page (`cursor`) is the same search again.
 */
export function demandSortKey(search: DemandSearch, total: number): string | undefined {
  if (search.cursor) return undefined;
  const municipality = search.municipality ? getMunicipality(search.municipality) : undefined;
  const head = `${municipality?.county ?? NONE}|${municipality?.code ?? NONE}|${resultBucket(total)}|${filterString(search)}`;
  const key = `${head}|${demandTerms(search.q).join(' ')}`;
  return Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES ? `${head}|${LONG_QUERY}` : key;
}

export interface DemandKey {
  county: string;
  municipality: string;
  bucket: ResultBucket;
  filters: Record<string, string>;
  filterText: string;
  terms: string[];
}

export function parseDemandSortKey(sk: string): DemandKey | undefined {
  const parts = sk.split('|');
  if (parts.length !== 5) return undefined;
  const [county, municipality, bucket, filterText, terms] = parts as [
    string,
    string,
    ResultBucket,
    string,
    string,
  ];
  return {
    county,
    municipality,
    bucket,
    filters: parseFilterString(filterText),
    filterText,
    terms: terms ? terms.split(' ') : [],
  };
}

/**
 * The demand counters' partitions in the national table, one per Swedish day: `DEMAND#<day>`. The CDK app
 * lets the public search UpdateItem these partitions only (`DEMAND#*`, `dynamodb:LeadingKeys`,
 * infra/constructs/bind-stores.ts).
 */
export const DEMAND_PK_PREFIX = 'DEMAND#';
export const demandPk = (day: string) => `${DEMAND_PK_PREFIX}${day}`;

let dayFormat: Intl.DateTimeFormat | undefined;
let cachedMinute = Number.NaN;
let cachedDay = '';
/**
 * The Swedish calendar date (Europe/Stockholm) of an instant: `2026-11-23`. The finest time kept.
 * Remembered per minute: Swedish midnight always falls on a whole UTC minute, so this is exact.
 */
export function swedishDay(at: Date | number = Date.now()): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const minute = Math.floor(ms / 60_000);
  if (minute === cachedMinute) return cachedDay;
  dayFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  cachedDay = dayFormat.format(ms);
  cachedMinute = minute;
  return cachedDay;
}

/** The `days` Swedish dates ending with the one of `now`, newest first. */
export function lastDays(days: number, now: Date | number = Date.now()): string[] {
  const out: string[] = [];
  const today = swedishDay(now);
  // Step back from noon UTC of today's date: never crosses two dates in one step, whatever the offset.
  const noon = Date.parse(`${today}T12:00:00Z`);
  for (let i = 0; i < days; i++) out.push(swedishDay(noon - i * 86_400_000));
  return out;
}
