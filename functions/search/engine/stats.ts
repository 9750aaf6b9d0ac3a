/**
 * Global statistics: what makes a score independent of the region that holds a document.
 *
 * Two kinds of corpus statistics enter the per-field BM25: document frequencies per field (idf) and average
 * field lengths (length normalisation). Document frequencies are summed per query term over the regions' own
 * tables at query time (a few hash probes per region). Average field lengths and the per-document length
 * norms that depend on them are computed here, once per set of region indexes: O(documents × fields), about a millisecond for
 * 60,000 interventions. Rebuild it (or let `searchFederated` do so) whenever a region index is swapped.
 */
import { CATEGORY_COUNT } from './category-vocab.ts';
import { FIELD_B, FIELD_COUNT, K1 } from './config.ts';
import type { RegionIndex } from './region-index.ts';

export interface GlobalStats {
  /** The region indexes, one per region id, in region-id order (the order of the tie-break). */
  readonly indexes: readonly RegionIndex[];
  /** Documents in all regions. */
  readonly docCount: number;
  readonly avgFieldLen: Float64Array;
  /**
   * Per region (aligned with `indexes`): the BM25 length norm k1 · (1 − b_f + b_f · len / avgLen_f) of
   * document d's field f at `d * FIELD_COUNT + f`; a term's saturation there is tf / (tf + norm).
   */
  readonly fieldNorms: readonly Float64Array[];
  /** Documents per category, nationally. */
  readonly catCount: Uint32Array;
  /** Region id → catalogue version. */
  readonly versions: Readonly<Record<string, number>>;
}

/** The indexes in region-id order, one per region id (the first one given wins). */
export function orderIndexes(indexes: readonly RegionIndex[]): RegionIndex[] {
  const seen = new Set<string>();
  const unique: RegionIndex[] = [];
  for (const index of indexes) {
    if (seen.has(index.regionId)) continue;
    seen.add(index.regionId);
    unique.push(index);
  }
  return unique.sort((a, b) => (a.regionId < b.regionId ? -1 : a.regionId > b.regionId ? 1 : 0));
}

export function combineStats(indexes: readonly RegionIndex[]): GlobalStats {
  const ordered = orderIndexes(indexes);
  let docCount = 0;
  const lengthSum = new Float64Array(FIELD_COUNT);
  const catCount = new Uint32Array(CATEGORY_COUNT);
  const versions: Record<string, number> = {};
  for (const index of ordered) {
    docCount += index.size;
    for (let f = 0; f < FIELD_COUNT; f++) lengthSum[f] += index.fieldLenSum[f]!;
    for (let c = 0; c < CATEGORY_COUNT; c++) catCount[c] += index.catCount[c]!;
    versions[index.regionId] = index.version;
  }
  const avgFieldLen = lengthSum.map((sum) => (docCount ? sum / docCount : 0));
  const fieldNorms = ordered.map((index) => {
    const norms = new Float64Array(index.size * FIELD_COUNT);
    for (let d = 0; d < index.size; d++) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        const avg = avgFieldLen[f]!;
        const ratio = avg > 0 ? index.fieldLen[d * FIELD_COUNT + f]! / avg : 0;
        // Never 0 (b < 1): a field without the term then adds 0 / norm = 0 without a branch.
        norms[d * FIELD_COUNT + f] = Math.max(K1 * (1 - FIELD_B[f]! + FIELD_B[f]! * ratio), 1e-6);
      }
    }
    return norms;
  });
  return { indexes: ordered, docCount, avgFieldLen, fieldNorms, catCount, versions };
}

/** Whether `stats` was combined from exactly these indexes (same objects, any order). */
export function statsMatch(stats: GlobalStats, indexes: readonly RegionIndex[]): boolean {
  const ordered = orderIndexes(indexes);
  if (ordered.length !== stats.indexes.length) return false;
  for (let i = 0; i < ordered.length; i++) if (ordered[i] !== stats.indexes[i]) return false;
  return true;
}

let cached: GlobalStats | undefined;

/** `combineStats`, remembering the last result: searching the same indexes again costs nothing. */
export function statsFor(indexes: readonly RegionIndex[]): GlobalStats {
  if (cached && statsMatch(cached, indexes)) return cached;
  cached = combineStats(indexes);
  return cached;
}
