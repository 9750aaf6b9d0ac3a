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
 *
 * Warmed before a swap: when a region's new index is about to be swapped in, `prepare` recomputes the
 * most recently used answers over the next set of indexes first, a few milliseconds at a time between
 * requests, and the swap adopts them. Without it, every popular query missed at once after a publish and
 * the instance spent most of a second recomputing while requests queued behind it (docs/performance.md).
 * Prepared answers are keyed by the next set's identity like any other, so they are used only if that
 * set is exactly what gets searched.
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

interface Entry {
  query: SearchQuery;
  page: SearchPage;
}

/** How much `prepare` may do before a swap goes ahead with what it has. */
export interface PrepareBudget {
  /** The most recently used answers recomputed, at most. */
  answers: number;
  /** Wall-clock milliseconds, at most (requests run between the answers). */
  ms: number;
}

/**
 * Rests after a piece of background work that took `ms`: twice as long, so the warm-up takes at most a
 * third of the thread and requests keep the rest (a busy instance stays busy serving them meanwhile).
 */
const restAfter = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, 2 * ms)));

export class AnswerCache {
  private generation = '';
  /** The indexes of the current generation, in the order they are searched. */
  private indexes: readonly RegionIndex[] = [];
  private entries = new Map<string, Entry>();
  private prepared: { generation: string; entries: Map<string, Entry> } | null = null;
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;
  /** Answers recomputed ahead of a swap, and how many of those swaps adopted them. */
  prepares = 0;
  adopted = 0;

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
      if (this.prepared?.generation === generation) {
        this.entries = this.prepared.entries;
        this.adopted++;
      } else this.entries = new Map();
      this.prepared = null;
      this.generation = generation;
      this.indexes = [...indexes];
    }
    const key = queryKey(query);
    const cached = this.entries.get(key);
    if (cached) {
      // Most recently used last: delete and set again.
      this.entries.delete(key);
      this.entries.set(key, cached);
      this.hits++;
      return cached.page;
    }
    this.misses++;
    const page = compute(); // throws for a bad cursor: nothing is kept
    this.keep(this.entries, key, { query, page });
    return page;
  }

  private keep(entries: Map<string, Entry>, key: string, entry: Entry): void {
    if (entries.size >= this.maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    entries.set(key, entry);
  }

  /**
   * Before `next` replaces its region's index: recompute the most recently used answers over the indexes
   * searched now with that one replaced, resting between answers, within `budget`. The swap
   * that follows adopts them (in `answer`, when the searched set is exactly that one). Nothing to do for
   * a region not searched yet (a cold or newly available one): its arrival changes the set's shape.
   */
  async prepare(
    next: RegionIndex,
    compute: (indexes: readonly RegionIndex[], query: SearchQuery) => SearchPage,
    budget: PrepareBudget,
    now: () => number = Date.now,
  ): Promise<void> {
    const at = this.indexes.findIndex((index) => index.regionId === next.regionId);
    if (at < 0 || this.entries.size === 0) return;
    const indexes = this.indexes.with(at, next);
    const generation = generationOf(indexes);
    const recent = [...this.entries].slice(-budget.answers); // least recently used first
    const entries = new Map<string, Entry>();
    const until = now() + budget.ms;
    for (const [key, { query }] of recent) {
      if (now() > until) break;
      const started = performance.now();
      try {
        this.keep(entries, key, { query, page: compute(indexes, query) });
        this.prepares++;
      } catch {
        // A cursor the next set does not accept: a request for it gets the same 400 as before.
      }
      await restAfter(performance.now() - started);
    }
    this.prepared = { generation, entries };
  }

  clear(): void {
    this.entries = new Map();
    this.prepared = null;
    this.indexes = [];
    this.generation = '';
  }
}
