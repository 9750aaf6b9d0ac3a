/**
 * The federated search: one query over the region indexes, ranked as if they were one national index.
 *
 * Scoring is BM25 per field, summed over the fields, with global statistics. For query term t, expansion e
 * (the word typed, its folded form, stems, synonym, completions, typo neighbours, compound parts) and
 * document d:
 *   s_e(d) = Σ_f weight_e · idf_{e,f} · boost_f · tf_f · (k1 + 1) / (tf_f + k1 · (1 − b_f + b_f · len_f / avgLen_f))
 *            · folded_e(d)
 *            + weight_e · idf_{e,cat} · CATEGORY_BOOST · (the category labels' saturated frequency)
 *   s_t(d) = max_e s_e(d)        score(d) = Σ_t s_t(d)
 * Each field saturates on its own, so a term repeated in a long description cannot add up to a title match,
 * and each field has its own idf (documents having the term in that field, nationally): "utbildning" is
 * common in descriptions but rare in titles, so a title holding it says much more. idf_{e,f} is capped by the
 * idf of the term's own forms (query.ts, `scoreTerm`), so with weight_e < 1 an expansion never outranks the
 * word typed in the same field. folded_e(d) is WEIGHT.folded when the query term was typed without å/ä/ö and
 * document d has the term only as the folded form of words written with them (FOLDED_ONLY), else 1; the same
 * factor applies to category labels having it only folded. Stop words typed are optional terms (query.ts):
 * they add to documents that match the other words, never match one. Everything but the query-time sums (df,
 * avgLen) is per document, so a score never depends on the region. Documents are visited region by region
 * with reusable typed-array accumulators; results are selected with a bounded heap, never a full sort.
 */
import type { Intervention } from '../../../shared/intervention.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { SearchFacets, SearchQuery } from '../../../shared/search.ts';
import {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  versionsChanged,
} from './cursor.ts';
import { type CompiledFilters, compileFilters, F_REGION, FacetCounter, municipalityPass } from './facets.ts';
import { hashString } from './fuzzy.ts';
import { parseQuery, planQuery, type QueryTerm, type TermPlan } from './query.ts';
import type { RegionIndex } from './region-index.ts';
import { type GlobalStats, statsFor, statsMatch } from './stats.ts';
import { TopK } from './topk.ts';

export interface SearchHit {
  regionId: string;
  id: string;
  /** Relevance for a text query; 0 for an empty query. */
  score: number;
  /** The full intervention (the index's own object: do not mutate). */
  item: Intervention;
}

export interface SearchPage {
  /** Documents matching the query and every filter. */
  total: number;
  results: SearchHit[];
  facets: SearchFacets;
  nextCursor: string | null;
  /**
   * How the text matched: every term (`all`); any term, because no document in the corpus has them all,
   * whatever the filters (`any`);
   * or there was no searchable text and the results are the filtered catalogue, freshest first (`browse`).
   */
  match: 'all' | 'any' | 'browse';
  /** The cursor came from other region versions: this page continues from its position, best effort. */
  cursorStale: boolean;
}

export interface SearchOptions {
  /** Statistics from `combineStats(indexes)`; computed (and remembered) when missing or out of date. */
  stats?: GlobalStats;
}

export type SearchInput = Partial<SearchQuery>;

// Scratch buffers reused across queries (the engine is synchronous, so one set is enough).
let acc = new Float64Array(0);
let termAcc = new Float64Array(0);
let matched = new Uint8Array(0);
let stamp = new Int32Array(0);
let docList = new Int32Array(0);
let termList = new Int32Array(0);
let keyList = new Float64Array(0);
let stampGen = 0;
const sharedFacets = new FacetCounter(0);

function ensureScratch(size: number): void {
  if (acc.length >= size) return;
  const n = Math.max(size, acc.length * 2, 1024);
  acc = new Float64Array(n);
  termAcc = new Float64Array(n);
  matched = new Uint8Array(n);
  stamp = new Int32Array(n);
  docList = new Int32Array(n);
  termList = new Int32Array(n);
  keyList = new Float64Array(n);
  stampGen = 0;
}

function nextStamp(): number {
  if (stampGen >= 0x3fffffff) {
    stamp.fill(0);
    stampGen = 0;
  }
  return ++stampGen;
}

/**
 * Score the documents of region r that match the terms. With `required` > 1 (all terms), only documents that
 * matched every earlier term are scored (terms come rarest first, so the candidates shrink fast and the rest of
 * each list is skipped cheaply); otherwise every document matching at least one term is. Optional terms (stop
 * words, last) only add to documents that already match `required` terms. Leaves the documents in
 * `docList[0..count)`, their scores in `acc` and matched-term counts in `matched`; returns the count.
 */
function scoreRegion(
  plans: readonly TermPlan[],
  required: number,
  r: number,
  index: RegionIndex,
  norms: Float64Array,
): number {
  const docs = index.postingDoc;
  const tfs = index.postingTf;
  const starts = index.postingStart;
  const category = index.category;
  const catStart = index.catStart;
  const catDocs = index.catDocs;
  // Local copies of the module's scratch buffers: the hot loops then read no module bindings.
  const termScores = termAcc;
  const termDocs = termList;
  const scores = acc;
  const matches = matched;
  const stamps = stamp;
  const hitDocs = docList;
  const all = required > 1;
  let docCount = 0;
  for (let t = 0; t < plans.length; t++) {
    const plan = plans[t]!;
    if (plan.optional) {
      // A stop word in titles: one expansion, no category labels; never a new match, never counted.
      for (const e of plan.expansions) {
        const id = e.local[r]!;
        if (id < 0) continue;
        const m0 = e.fieldScale[0]!;
        const to = starts[id + 1]!;
        for (let p = starts[id]!; p < to; p++) {
          const d = docs[p]!;
          if (matches[d]! < required) continue;
          const f0 = tfs[p]! & 7;
          scores[d]! += (m0 * f0) / (f0 + norms[d * 4]!);
        }
      }
      continue;
    }
    // In `all` mode a document is still a candidate for term t when it matched the t terms before.
    const skip = all && t > 0;
    let termCount = 0;
    for (const e of plan.expansions) {
      // weight · idf_f · boost_f · (k1 + 1) per field (query.ts, `scoreTerm`).
      const scale = e.fieldScale;
      const m0 = scale[0]!;
      const m1 = scale[1]!;
      const m2 = scale[2]!;
      const m3 = scale[3]!;
      const foldedDelta = e.foldedFactor - 1;
      const cx = e.catScore;
      const id = e.local[r]!;
      const gen = cx ? nextStamp() : 0;
      if (id >= 0) {
        const to = starts[id + 1]!;
        for (let p = starts[id]!; p < to; p++) {
          const d = docs[p]!;
          if (skip && matches[d] !== t) continue;
          const packed = tfs[p]!;
          const b = d * 4;
          // Frequencies at TF_SHIFT (config.ts), FOLDED_ONLY on top.
          const f0 = packed & 7;
          const f1 = (packed >>> 3) & 15;
          const f2 = (packed >>> 7) & 15;
          const f3 = (packed >>> 11) & 15;
          // Per-field BM25, summed: a field without the term adds 0 / norm = 0 (norms are never 0).
          let s =
            ((m0 * f0) / (f0 + norms[b]!) +
              (m1 * f1) / (f1 + norms[b + 1]!) +
              (m2 * f2) / (f2 + norms[b + 2]!) +
              (m3 * f3) / (f3 + norms[b + 3]!)) *
            (1 + (packed >>> 15) * foldedDelta);
          if (cx) {
            s += cx[category[d]!]!;
            stamps[d] = gen;
          }
          const have = termScores[d]!;
          if (have === 0) termDocs[termCount++] = d;
          if (s > have) termScores[d] = s;
        }
      }
      if (cx) {
        for (const c of e.cats) {
          const s = cx[c]!;
          const to = catStart[c + 1]!;
          for (let j = catStart[c]!; j < to; j++) {
            const d = catDocs[j]!;
            if (stamps[d] === gen || (skip && matches[d] !== t)) continue;
            const have = termScores[d]!;
            if (have === 0) termDocs[termCount++] = d;
            if (s > have) termScores[d] = s;
          }
        }
      }
    }
    for (let k = 0; k < termCount; k++) {
      const d = termDocs[k]!;
      const s = termScores[d]!;
      termScores[d] = 0;
      if (matches[d] === 0) hitDocs[docCount++] = d;
      scores[d]! += s;
      matches[d]!++;
    }
    if (all && termCount === 0) break; // no candidate left in this region
  }
  return docCount;
}

interface Pass {
  /** Documents matching the text, whatever the filters (what decides the fall-back to any term). */
  textMatches: number;
  total: number;
  /** Results after the cursor (to know whether a next page exists). */
  remaining: number;
  top: TopK;
  facets: FacetCounter;
}

interface CursorBounds {
  key: number;
  /** Region order of the cursor's region (x.5 when the region is gone). */
  region: number;
  /** Per region order: the cursor's id rank in that region (only used for the cursor's own region). */
  rank: number;
}

/** Where the cursor sits in the current order: region order and id rank, fractional when absent. */
function cursorBounds(cursor: CursorPosition, stats: GlobalStats): CursorBounds {
  const ids = stats.indexes.map((index) => index.regionId);
  let region = ids.indexOf(cursor.regionId);
  let rank = -0.5;
  if (region < 0) {
    let insert = 0;
    while (insert < ids.length && ids[insert]! < cursor.regionId) insert++;
    region = insert - 0.5;
  } else {
    const sorted = stats.indexes[region]!.sortedIds;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < cursor.id) lo = mid + 1;
      else hi = mid;
    }
    rank = lo < sorted.length && sorted[lo] === cursor.id ? lo : lo - 0.5;
  }
  return { key: cursor.key, region, rank };
}

function run(
  stats: GlobalStats,
  filters: CompiledFilters,
  plans: readonly TermPlan[] | null,
  required: number,
  limit: number,
  after: CursorBounds | null,
): Pass {
  const top = new TopK(limit + 1);
  const facets = sharedFacets;
  facets.reset(stats.indexes.length);
  let total = 0;
  let remaining = 0;
  let textMatches = 0;
  stats.indexes.forEach((index, r) => {
    const regionFail = filters.region !== undefined && filters.region !== index.regionId ? F_REGION : 0;
    const muniPass = municipalityPass(index, filters);
    facets.beginRegion(index);
    ensureScratch(index.size);
    const hits = docList;
    const keys = keyList;
    let count = 0;
    if (plans) {
      const touched = scoreRegion(plans, required, r, index, stats.fieldNorms[r]!);
      const scores = acc;
      const matches = matched;
      for (let k = 0; k < touched; k++) {
        const d = hits[k]!;
        const score = scores[d]!;
        const m = matches[d]!;
        scores[d] = 0;
        matches[d] = 0;
        if (m < required) continue;
        hits[count] = d; // compacting in place: count <= k
        keys[count++] = score;
      }
    } else {
      const fresh = index.fresh;
      for (let d = 0; d < index.size; d++) {
        hits[d] = d;
        keys[d] = fresh[d]!;
      }
      count = index.size;
    }
    textMatches += count;
    // Without filters (other than region), every candidate counts everywhere, or (other region) in one facet.
    let passed = count;
    if (filters.any) passed = facets.filterBatch(index, hits, keys, count, filters, regionFail, muniPass);
    else if (regionFail) {
      facets.countRegionOnly(count);
      passed = 0;
    } else facets.countAllBatch(index, hits, count);
    if (passed > 0 && !regionFail) {
      total += passed;
      remaining += top.offerBatch(r, index.idRank, hits, keys, passed, after);
    }
    facets.endRegion(index, r);
  });
  return { textMatches, total, remaining, top, facets };
}

function clampLimit(limit: unknown): number {
  const n = typeof limit === 'number' && Number.isFinite(limit) ? Math.trunc(limit) : LIMITS.pageSizeDefault;
  return Math.min(LIMITS.pageSizeMax, Math.max(1, n));
}

/** A hash of what determines the result set and its order: the searched terms and the filters. */
function queryHash(terms: readonly QueryTerm[], query: SearchInput): number {
  return hashString(
    JSON.stringify([
      terms.map((t) => (t.phrase ? `"${t.forms.exact}` : t.forms.exact)),
      query.region ?? null,
      query.municipality ?? null,
      query.category ?? null,
      query.language ?? null,
      query.audience ?? null,
      query.delivery ?? null,
      query.free ?? null,
      query.openToOtherMunicipalities ?? null,
    ]),
  );
}

/**
 * Search the given region indexes as one national corpus. Results are ordered by score (text) or by
 * lastReviewedAt (no text), then region id, then id. Never throws for any `q`; throws InvalidCursorError for a
 * cursor that cannot be read or belongs to another query.
 */
export function searchFederated(
  indexes: readonly RegionIndex[],
  query: SearchInput,
  options: SearchOptions = {},
): SearchPage {
  const stats = options.stats && statsMatch(options.stats, indexes) ? options.stats : statsFor(indexes);
  const limit = clampLimit(query.limit);
  const terms = parseQuery(query.q);
  const filters = compileFilters(query);
  const hash = queryHash(terms, query);
  // Words decide the matches. A query of stop words only searches them in titles (query.ts); when no title
  // anywhere has any of them, or nothing searchable was typed, the answer is the filtered catalogue, freshest
  // first. Decided on national document frequencies, so every page of a query agrees.
  let words = terms.filter((term) => !term.optional).length;
  const plans = words ? planQuery(terms, stats) : null;
  if (plans && terms.every((term) => term.stopWord) && plans.every((plan) => plan.df === 0)) words = 0;
  const mode = words ? 'score' : 'fresh';

  let cursor: CursorPosition | null = null;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor);
    if (cursor.query !== hash || cursor.mode !== mode) {
      throw new InvalidCursorError('The cursor belongs to another query');
    }
  }
  const after = cursor ? cursorBounds(cursor, stats) : null;

  let pass: Pass;
  let match: SearchPage['match'];
  if (words === 0) {
    pass = run(stats, filters, null, 0, limit, after);
    match = 'browse';
  } else {
    pass = run(stats, filters, plans, words, limit, after);
    match = 'all';
    // The fall-back depends on the text and the corpus only, never on the filters: selecting a facet value
    // then gives exactly the count the facet showed.
    if (pass.textMatches === 0 && words > 1) {
      pass = run(stats, filters, plans, 1, limit, after);
      match = 'any';
    }
  }

  const entries = pass.top.drain().slice(0, limit);
  const results: SearchHit[] = entries.map(({ key, region, doc }) => {
    const index = stats.indexes[region]!;
    const item = index.items[doc]!;
    return { regionId: index.regionId, id: item.id, score: mode === 'score' ? key : 0, item };
  });
  const last = entries[entries.length - 1];
  const nextCursor =
    last && pass.remaining > limit
      ? encodeCursor({
          mode,
          key: last.key,
          regionId: stats.indexes[last.region]!.regionId,
          id: stats.indexes[last.region]!.items[last.doc]!.id,
          query: hash,
          versions: stats.versions,
        })
      : null;
  return {
    total: pass.total,
    results,
    facets: pass.facets.toFacets(stats.indexes.map((index) => index.regionId)),
    nextCursor,
    match,
    cursorStale: cursor ? versionsChanged(cursor.versions, stats.versions) : false,
  };
}
