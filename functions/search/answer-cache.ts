/**
 * Answers of a warm search instance, kept for the index generation they were computed on.
 *
 * Newcomers ask the same things ("sfi", a municipality's page of categories, the first page of a
 * popular query), and an answer depends only on the query and on the index objects searched: the
 * key is both, so an answer is reused exactly as long as recomputing it would give the same result.
 * A region swapped in (new version, or the review filter re-applied) is a new index object, so every
 * answer computed before is unreachable at once — never a stale result. The review state of each
 * result and the regions' statuses are added per request by the handler (they depend on the clock
 * and on store health, not on the index).
 *
 * Bounded: at most `maxEntries` answers, least recently used first out; a new generation empties it.
 */
import type { SearchQuery } from '../../shared/search.ts';
import type { SearchPage } from './engine/federated.ts';
import type { RegionIndex } from './engine/region-index.ts';

const serials = new WeakMap<RegionIndex, number>();
let nextSerial = 1;

function serialOf(index: RegionIndex): number {
  let serial = serials.get(index);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(index, serial);
  }
  return serial;
}

/** The identity of a set of index objects, in order: equal exactly when the same objects are searched. */
export function generationOf(indexes: readonly RegionIndex[]): string {
  let key = '';
  for (const index of indexes) key += `${serialOf(index)},`;
  return key;
}

/** Every field of a parsed query that changes the answer, in a fixed order (`lang` only labels: left out). */
export function queryKey(query: SearchQuery): string {
  return JSON.stringify([
    query.q ?? null,
    query.region ?? null,
    query.municipality ?? null,
    query.category ?? null,
    query.language ?? null,
    query.audience ?? null,
    query.delivery ?? null,
    query.free ?? null,
    query.openToOtherMunicipalities ?? null,
    query.limit,
    query.cursor ?? null,
  ]);
}

export class AnswerCache {
  private generation = '';
  private readonly entries = new Map<string, SearchPage>();
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 2_000) {
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer for `query` over `indexes`: from the cache, or computed by `compute` and kept. */
  answer(indexes: readonly RegionIndex[], query: SearchQuery, compute: () => SearchPage): SearchPage {
    const generation = generationOf(indexes);
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const key = queryKey(query);
    const cached = this.entries.get(key);
    if (cached) {
      // Most recently used last: delete and set again.
      this.entries.delete(key);
      this.entries.set(key, cached);
      this.hits++;
      return cached;
    }
    this.misses++;
    const page = compute(); // throws for a bad cursor: nothing is kept
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, page);
    return page;
  }

  clear(): void {
    this.entries.clear();
    this.generation = '';
  }
}
