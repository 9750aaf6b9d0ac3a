/**
 * A process-wide dictionary of the terms and tokens that index builds have analysed. Regions share most of
 * their words, so the second region's build finds most of its words stemmed, folded, hashed and ranked
 * already. Ids here ("global ids") are only meaningful during a build: a region index stores its own sorted
 * vocabulary as strings. The dictionary is bounded (see `startBuild`) and can be released after loading.
 */
import { FUZZY_INDEX_MAX_CHARS, FUZZY_INDEX_MIN_CHARS, STEM_MARK, STOP_WORD_MARK } from './config.ts';
import { hashString } from './fuzzy.ts';
import { foldSwedish } from './text.ts';

/** Terms kept before the dictionary is cleared at the start of a build. */
const MAX_TERMS = 1_500_000;

const idOf = new Map<string, number>();
let terms: string[] = [];
let hashes = new Uint32Array(1 << 14);
/** Bit flags per term: PLAIN, FUZZY. */
let flags = new Uint8Array(1 << 14);
/** Category-vocabulary index of a term, -1 none, -2 not looked up yet. */
let categoryIndex = new Int32Array(1 << 14).fill(-2);
/** Global ids in code-unit order of their terms, and each id's position in it (valid for the first `ranked`). */
let sorted = new Int32Array(0);
let rank = new Int32Array(0);
let ranked = 0;

const PLAIN = 1;
const FUZZY = 2;

/**
 * A plain term: a word in its folded form (not a stem, not a title's stop word, no å/ä/ö). Prefix completion of
 * a folded query uses these.
 */
export function isPlainTerm(term: string): boolean {
  return term[0] !== STEM_MARK && term[0] !== STOP_WORD_MARK && foldSwedish(term) === term;
}

/** Words in a fuzzy index: plain words of a reasonable length. */
export function isFuzzyIndexed(term: string): boolean {
  return term.length >= FUZZY_INDEX_MIN_CHARS && term.length <= FUZZY_INDEX_MAX_CHARS && isPlainTerm(term);
}

function growTo(size: number): void {
  if (size <= hashes.length) return;
  let n = hashes.length;
  while (n < size) n *= 2;
  const h = new Uint32Array(n);
  h.set(hashes);
  hashes = h;
  const f = new Uint8Array(n);
  f.set(flags);
  flags = f;
  const c = new Int32Array(n).fill(-2);
  c.set(categoryIndex);
  categoryIndex = c;
}

/** The global id of a term, adding it when new. */
export function globalId(term: string): number {
  let id = idOf.get(term);
  if (id === undefined) {
    id = terms.length;
    idOf.set(term, id);
    terms.push(term);
    growTo(id + 1);
    hashes[id] = hashString(term);
    flags[id] = (isPlainTerm(term) ? PLAIN : 0) | (isFuzzyIndexed(term) ? FUZZY : 0);
  }
  return id;
}

export const termOf = (id: number): string => terms[id]!;
export const hashOf = (id: number): number => hashes[id]!;
export const isFuzzyTerm = (id: number): boolean => (flags[id]! & FUZZY) !== 0;
export const isPlain = (id: number): boolean => (flags[id]! & PLAIN) !== 0;
export const termCount = (): number => terms.length;

/** The category-vocabulary index of a term (via `lookup` the first time), or -1. */
export function categoryOf(id: number, lookup: (term: string) => number | undefined): number {
  let c = categoryIndex[id]!;
  if (c === -2) {
    c = lookup(terms[id]!) ?? -1;
    categoryIndex[id] = c;
  }
  return c;
}

/**
 * Positions of all terms in code-unit order. New terms are sorted among themselves and merged in by binary
 * search, so the cost after the first region is mostly linear copying.
 */
export function ranks(): Int32Array {
  const total = terms.length;
  if (ranked === total) return rank;
  const fresh = Array.from({ length: total - ranked }, (_, i) => ranked + i).sort((a, b) =>
    terms[a]! < terms[b]! ? -1 : 1,
  );
  const next = new Int32Array(total);
  let from = 0;
  let at = 0;
  for (const id of fresh) {
    // Insertion point of this term among the old sorted ids (after `from`).
    const term = terms[id]!;
    let lo = from;
    let hi = ranked;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[sorted[mid]!]! < term) lo = mid + 1;
      else hi = mid;
    }
    next.set(sorted.subarray(from, lo), at);
    at += lo - from;
    from = lo;
    next[at++] = id;
  }
  next.set(sorted.subarray(from, ranked), at);
  sorted = next;
  rank = new Int32Array(total);
  for (let i = 0; i < total; i++) rank[sorted[i]!] = i;
  ranked = total;
  return rank;
}

const clearHooks: (() => void)[] = [];

/** Register a cache that holds global ids and must be cleared with the dictionary. */
export function onClear(hook: () => void): void {
  clearHooks.push(hook);
}

/** Forget every term (and the caches holding their ids). */
export function releaseDictionary(): void {
  idOf.clear();
  terms = [];
  hashes = new Uint32Array(1 << 14);
  flags = new Uint8Array(1 << 14);
  categoryIndex = new Int32Array(1 << 14).fill(-2);
  sorted = new Int32Array(0);
  rank = new Int32Array(0);
  ranked = 0;
  for (const hook of clearHooks) hook();
}

/** Called at the start of each build: clears the dictionary when it has grown past its bound. */
export function startBuild(): void {
  if (terms.length > MAX_TERMS) releaseDictionary();
}
