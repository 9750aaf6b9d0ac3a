/**
 * One region's search index, built from its live catalogue version. Everything a query touches is a typed
 * array: postings (document numbers and packed per-field term frequencies) in one block per term, per-document
 * field lengths and filter attributes, and the deletion table for typos. The vocabulary is a sorted array (for
 * prefix ranges) plus an open-addressing hash table (for exact look-ups with a hash computed once per query).
 *
 * Nothing here depends on other regions: global statistics are combined at query time (see stats.ts), so a
 * region is swapped by building its new index alone.
 */
import { MUNICIPALITIES } from '../../../shared/geo.ts';
import type { Intervention } from '../../../shared/intervention.ts';
import { CONTENT_LANGUAGES } from '../../../shared/languages.ts';
import { AUDIENCE_CODES, DELIVERY_CODES } from '../../../shared/taxonomy.ts';
import { beginBuild, createAnalyzer } from './analysis.ts';
import { CATEGORY_COUNT, CATEGORY_VOCABULARY, categoryIndexByCode } from './category-vocab.ts';
import {
  DESCRIPTION,
  FIELD_COUNT,
  FOLDED_ONLY,
  SUMMARY,
  TF_BITS,
  TF_CAP,
  TF_SHIFT,
  TITLE,
} from './config.ts';
import { categoryOf, hashOf, isFuzzyTerm, isPlain, ranks, termCount, termOf } from './dictionary.ts';
import { buildDeletionIndex, type DeletionIndex } from './fuzzy.ts';

const lookupCategoryTerm = (term: string) => CATEGORY_VOCABULARY.byTerm.get(term);

export type DocArray = Uint16Array | Uint32Array;

export interface RegionIndex {
  readonly regionId: string;
  /** The catalogue version the index was built from. */
  readonly version: number;
  /** The interventions, in document-number order: `items[hit.doc]` is the full intervention. */
  readonly items: readonly Intervention[];
  readonly size: number;

  /** Vocabulary in UTF-16 code-unit order; a term's id is its position. */
  readonly terms: readonly string[];
  /** Open-addressing table of term ids by `hashString(term)`; -1 is empty. */
  readonly termTable: Int32Array;
  /** Postings of term t: `postingDoc/postingTf[postingStart[t] .. postingStart[t+1])`, documents ascending. */
  readonly postingStart: Uint32Array;
  readonly postingDoc: DocArray;
  readonly postingTf: Uint16Array;
  /** Documents containing term t in any field, the category labels included (cost and order of query terms). */
  readonly dfAll: Uint32Array;
  /** Documents containing term t in field f, at `t * FIELD_COUNT + f` (for the per-field global idf). */
  readonly dfField: Uint32Array;
  readonly fuzzy: DeletionIndex;
  /** 1 for a plain term (folded word, not a stem): the candidates of a folded prefix. */
  readonly termPlain: Uint8Array;

  /** Token count of document d's field f at `d * FIELD_COUNT + f` (mean over the languages present). */
  readonly fieldLen: Uint16Array;
  readonly fieldLenSum: Float64Array;

  /** Category (index into CATEGORIES) of each document, and the documents of each category. */
  readonly category: Uint8Array;
  readonly catStart: Uint32Array;
  readonly catDocs: DocArray;
  readonly catCount: Uint32Array;
  /** Delivery (index into DELIVERY_CODES). */
  readonly delivery: Uint8Array;
  /** Bit 0: cost.free; bit 1: interMunicipal.open. */
  readonly flags: Uint8Array;
  /**
   * Content languages: each document's set is one of few distinct sets ("combos"), so facets count combos
   * and expand them once per region. Combo c is a 64-bit set in two halves (bit i = CONTENT_LANGUAGES[i]).
   */
  readonly langCombo: Uint32Array;
  readonly langComboLo: Uint32Array;
  readonly langComboHi: Uint32Array;
  /** Audiences as a bit set (bit i = AUDIENCE_CODES[i]). */
  readonly audience: Uint32Array;
  /** Municipalities, as combos too: combo c lists `muniComboIds[muniComboStart[c] .. muniComboStart[c+1])`. */
  readonly muniCombo: Uint32Array;
  readonly muniComboStart: Uint32Array;
  readonly muniComboIds: Uint16Array;
  /** lastReviewedAt in epoch ms (-Infinity when missing): the freshness order of an empty query. */
  readonly fresh: Float64Array;
  /** Rank of each document's id among the region's ids (code-unit order): the final tie-break. */
  readonly idRank: Uint32Array;
  readonly sortedIds: readonly string[];
}

export const FLAG_FREE = 1;
export const FLAG_OPEN = 2;
export const REMOTE = DELIVERY_CODES.indexOf('remote');

export const municipalityIndexByCode: ReadonlyMap<string, number> = new Map(
  MUNICIPALITIES.map((m, i) => [m.code, i]),
);
export const languageIndexByCode: ReadonlyMap<string, number> = new Map(
  CONTENT_LANGUAGES.map((c, i) => [c, i]),
);
export const audienceIndexByCode: ReadonlyMap<string, number> = new Map(AUDIENCE_CODES.map((c, i) => [c, i]));
export const deliveryIndexByCode: ReadonlyMap<string, number> = new Map(DELIVERY_CODES.map((c, i) => [c, i]));

/** Grow-by-doubling typed array. */
function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  let size = array.length || 1;
  while (size < need) size *= 2;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/** Grow-by-doubling Int32Array, new slots -1. */
function growFilled(array: Int32Array, need: number): Int32Array {
  const next = grow(array, need);
  if (next !== array) next.fill(-1, array.length);
  return next;
}

/** Postings kept in the reusable scratch between builds (beyond, a build's own buffers are let go). */
const SCRATCH_MAX_POSTINGS = 1 << 19;

/**
 * Buffers reused from one build to the next (builds are synchronous): the dictionary-to-local term map (all
 * -1 between builds), per local term state, and the postings in document order before their layout by term.
 */
const scratch: {
  localOf: Int32Array;
  globalOf: Int32Array;
  termDocs: Uint32Array;
  seen: Int32Array;
  tf: Uint16Array;
  textCounts: Uint8Array;
  touched: Uint32Array;
  textTouched: Uint32Array;
  postTerm: Uint32Array;
  postDoc: Uint32Array;
  postTf: Uint16Array;
} = {
  localOf: new Int32Array(0),
  globalOf: new Int32Array(1 << 12),
  termDocs: new Uint32Array(1 << 12),
  seen: new Int32Array(1 << 12),
  tf: new Uint16Array(1 << 12),
  textCounts: new Uint8Array(1 << 12),
  touched: new Uint32Array(1024),
  textTouched: new Uint32Array(256),
  postTerm: new Uint32Array(0),
  postDoc: new Uint32Array(0),
  postTf: new Uint16Array(0),
};

function docArray(size: number, docs: number): DocArray {
  return docs <= 0x10000 ? new Uint16Array(size) : new Uint32Array(size);
}

/** Build the index of one region's catalogue version. Items are expected to be valid (InterventionSchema). */
export function buildRegionIndex(
  regionId: string,
  version: number,
  items: readonly Intervention[],
): RegionIndex {
  const n = items.length;

  // --- vocabulary and postings, in first-seen term order -------------------------------------------
  beginBuild();
  const sc = scratch;
  let localOf = sc.localOf;
  if (localOf.length < termCount()) localOf = growFilled(localOf, termCount() * 2);
  // Per local term id (first-seen order): its dictionary id, its document count, the document that last
  // touched it and its packed field frequencies in that document (TF_SHIFT/TF_CAP, capped as counted).
  let globalOf = sc.globalOf;
  let termDocs = sc.termDocs;
  let seen = sc.seen;
  let tf = sc.tf;
  let textCounts = sc.textCounts;
  let touched = sc.touched;
  let touchedCount = 0;
  // A field written in several languages: each text's own frequencies, merged into the field's by maximum.
  let textTouched = sc.textTouched;
  let textTouchedCount = 0;
  let T = 0;
  const analyzer = createAnalyzer((gid) => {
    if (gid >= localOf.length) localOf = growFilled(localOf, gid + 1);
    let id = localOf[gid]!;
    if (id === -1) {
      id = T++;
      localOf[gid] = id;
      if (id >= globalOf.length) {
        globalOf = grow(globalOf, id + 1);
        termDocs = grow(termDocs, globalOf.length);
        seen = grow(seen, globalOf.length);
        tf = grow(tf, globalOf.length);
        textCounts = grow(textCounts, globalOf.length);
      }
      globalOf[id] = gid;
      termDocs[id] = 0;
      seen[id] = -1;
      textCounts[id] = 0;
    }
    return id;
  });

  let postTerm = sc.postTerm;
  let postDoc = sc.postDoc;
  let postTf = sc.postTf;
  let postings = 0;

  const fieldLen = new Uint16Array(n * FIELD_COUNT);
  const fieldLenSum = new Float64Array(FIELD_COUNT);
  let doc = 0;
  // The current field: a term's count sits at `shift`, `one` adds one, `full` is the cap in place. While
  // counting, the FOLDED_ONLY bit means the opposite (the term was written so at least once); flipped when posted.
  let shift = 0;
  let cap = 0;
  let one = 1;
  let full = 0;
  const emit = (id: number, folded: number) => {
    if (seen[id] !== doc) {
      seen[id] = doc;
      if (touchedCount === touched.length) touched = grow(touched, touchedCount + 1);
      touched[touchedCount++] = id;
      tf[id] = 0;
    }
    const v = tf[id]!;
    tf[id] = ((v & full) !== full ? v + one : v) | ((folded ^ 1) * FOLDED_ONLY);
  };
  const emitText = (id: number, folded: number) => {
    if (seen[id] !== doc) {
      seen[id] = doc;
      if (touchedCount === touched.length) touched = grow(touched, touchedCount + 1);
      touched[touchedCount++] = id;
      tf[id] = 0;
    }
    tf[id]! |= (folded ^ 1) * FOLDED_ONLY;
    const c = textCounts[id]!;
    if (c === 0) {
      if (textTouchedCount === textTouched.length) textTouched = grow(textTouched, textTouchedCount + 1);
      textTouched[textTouchedCount++] = id;
    }
    if (c < 255) textCounts[id] = c + 1;
  };
  const texts: string[] = [];

  try {
    for (doc = 0; doc < n; doc++) {
      const item = items[doc]!;
      touchedCount = 0;
      for (let field = 0; field < FIELD_COUNT; field++) {
        shift = TF_SHIFT[field]!;
        cap = TF_CAP[field]!;
        one = 1 << shift;
        full = cap << shift;
        let tokens = 0;
        const value: unknown =
          field === TITLE
            ? item.title
            : field === SUMMARY
              ? item.summary
              : field === DESCRIPTION
                ? item.description
                : item.provider?.name;
        texts.length = 0;
        if (typeof value === 'string') {
          if (value.length > 0) texts.push(value);
        } else if (value && typeof value === 'object') {
          const record = value as Record<string, unknown>;
          for (const key in record) {
            const text = record[key];
            if (typeof text === 'string' && text.length > 0) texts.push(text);
          }
        }
        const languages = texts.length;
        // Stop words are indexed in titles only (marked: they only order results, see query.ts).
        const stops = field === TITLE;
        if (languages === 1) tokens = analyzer.analyze(texts[0]!, emit, stops);
        else {
          // Translations are renderings of one text: a term counts as often as in the language using it most
          // (the field's length is the mean over the languages), so a name kept in every translation counts once.
          for (let j = 0; j < languages; j++) {
            textTouchedCount = 0;
            tokens += analyzer.analyze(texts[j]!, emitText, stops);
            for (let k = 0; k < textTouchedCount; k++) {
              const id = textTouched[k]!;
              const count = Math.min(textCounts[id]!, cap);
              const v = tf[id]!;
              const have = (v >>> shift) & cap;
              if (count > have) tf[id] = v + ((count - have) << shift);
              textCounts[id] = 0;
            }
          }
        }
        const length = languages ? Math.min(0xffff, Math.round(tokens / languages)) : 0;
        fieldLen[doc * FIELD_COUNT + field] = length;
        fieldLenSum[field] += length;
      }
      if (postings + touchedCount > postTerm.length) {
        const need = Math.max(postings + touchedCount, n * 48);
        postTerm = grow(postTerm, need);
        postDoc = grow(postDoc, need);
        postTf = grow(postTf, need);
      }
      for (let k = 0; k < touchedCount; k++) {
        const id = touched[k]!;
        postTerm[postings] = id;
        postDoc[postings] = doc;
        postTf[postings] = tf[id]! ^ FOLDED_ONLY;
        termDocs[id]!++;
        postings++;
      }
    }
  } finally {
    // Leave the scratch clean for the next build: the dictionary-to-local map back to -1.
    for (let id = 0; id < T; id++) localOf[globalOf[id]!] = -1;
    Object.assign(scratch, { localOf, globalOf, termDocs, seen, tf, textCounts, touched, textTouched });
    if (postTerm.length <= SCRATCH_MAX_POSTINGS) Object.assign(scratch, { postTerm, postDoc, postTf });
  }

  // --- sort the vocabulary, lay postings out by term ------------------------------------------------
  // Sort the vocabulary by the dictionary's ranks: a numeric sort of (rank, local id) packed in a float.
  const globalRank = ranks();
  const span = 2 ** Math.ceil(Math.log2(T + 1)); // rank · span + id stays an exact integer below 2^53
  const keys = new Float64Array(T);
  for (let id = 0; id < T; id++) keys[id] = globalRank[globalOf[id]!]! * span + id;
  keys.sort();
  const terms: string[] = new Array(T);
  const sortedGlobal = new Int32Array(T);
  const rank = new Uint32Array(T);
  const postingStart = new Uint32Array(T + 1);
  for (let i = 0; i < T; i++) {
    const id = keys[i]! % span;
    rank[id] = i;
    sortedGlobal[i] = globalOf[id]!;
    terms[i] = termOf(globalOf[id]!);
    postingStart[i + 1] = postingStart[i]! + termDocs[id]!;
  }
  const fill = postingStart.slice(0, T);
  const postingDoc = docArray(postings, n);
  const postingTf = new Uint16Array(postings);
  for (let p = 0; p < postings; p++) {
    const at = fill[rank[postTerm[p]!]!]!++;
    postingDoc[at] = postDoc[p]!;
    postingTf[at] = postTf[p]!;
  }

  let tableSize = 16;
  while (tableSize < T * 2) tableSize *= 2;
  const termTable = new Int32Array(tableSize).fill(-1);
  const mask = tableSize - 1;
  for (let t = 0; t < T; t++) {
    let slot = hashOf(sortedGlobal[t]!) & mask;
    while (termTable[slot] !== -1) slot = (slot + 1) & mask;
    termTable[slot] = t;
  }

  // --- per-document attributes -----------------------------------------------------------------------
  const category = new Uint8Array(n);
  const catCount = new Uint32Array(CATEGORY_COUNT);
  const delivery = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const audience = new Uint32Array(n);
  const langCombo = new Uint32Array(n);
  const langCombos = new Map<number, number>();
  const langComboLo: number[] = [];
  const langComboHi: number[] = [];
  const muniCombo = new Uint32Array(n);
  const muniCombos = new Map<string, number>();
  const muniComboStart: number[] = [0];
  const muniComboIds: number[] = [];
  const fresh = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const item = items[d]!;
    const c = categoryIndexByCode.get(item.category) ?? 0;
    category[d] = c;
    catCount[c]!++;
    delivery[d] = deliveryIndexByCode.get(item.delivery ?? 'on-site') ?? 0;
    flags[d] = ((item.cost?.free ?? true) ? FLAG_FREE : 0) | (item.interMunicipal?.open ? FLAG_OPEN : 0);
    let lo = 0;
    let hi = 0;
    for (const code of item.languages ?? []) {
      const i = languageIndexByCode.get(code);
      if (i === undefined) continue;
      if (i < 32) lo |= 1 << i;
      else hi |= 1 << (i - 32);
    }
    const langKey = (hi >>> 0) * 2 ** 32 + (lo >>> 0);
    let lc = langCombos.get(langKey);
    if (lc === undefined) {
      lc = langComboLo.length;
      langCombos.set(langKey, lc);
      langComboLo.push(lo >>> 0);
      langComboHi.push(hi >>> 0);
    }
    langCombo[d] = lc;
    for (const code of item.audiences ?? ['all']) {
      const i = audienceIndexByCode.get(code);
      if (i !== undefined) audience[d]! |= 1 << i;
    }
    const munis = new Set<number>();
    for (const code of item.municipalities ?? []) {
      const i = municipalityIndexByCode.get(code);
      if (i !== undefined) munis.add(i);
    }
    const list = [...munis].sort((x, y) => x - y);
    const muniKey = list.join(',');
    let mc = muniCombos.get(muniKey);
    if (mc === undefined) {
      mc = muniComboStart.length - 1;
      muniCombos.set(muniKey, mc);
      muniComboIds.push(...list);
      muniComboStart.push(muniComboIds.length);
    }
    muniCombo[d] = mc;
    const time = item.lastReviewedAt ? Date.parse(item.lastReviewedAt) : Number.NaN;
    fresh[d] = Number.isFinite(time) ? time : Number.NEGATIVE_INFINITY;
  }
  const catStart = new Uint32Array(CATEGORY_COUNT + 1);
  for (let c = 0; c < CATEGORY_COUNT; c++) catStart[c + 1] = catStart[c]! + catCount[c]!;
  const catDocs = docArray(n, n);
  const catFill = catStart.slice(0, CATEGORY_COUNT);
  for (let d = 0; d < n; d++) catDocs[catFill[category[d]!]!++] = d;

  // --- document frequency over all fields, category labels included ---------------------------------
  const dfAll = new Uint32Array(T);
  const dfField = new Uint32Array(T * FIELD_COUNT);
  const vocab = CATEGORY_VOCABULARY;
  const inCategory = new Uint8Array(CATEGORY_COUNT);
  const [cap0, cap1, cap2, cap3] = TF_CAP as [number, number, number, number];
  const [bits0, bits1, bits2, bits3] = TF_BITS as [number, number, number, number];
  const [, shift1, shift2, shift3] = TF_SHIFT as [number, number, number, number];
  for (let t = 0; t < T; t++) {
    const from = postingStart[t]!;
    const to = postingStart[t + 1]!;
    let df = to - from;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let p = from; p < to; p++) {
      // (count + cap) >>> bits: 1 for a count in 1..cap, 0 for none (no branch).
      const packed = postingTf[p]!;
      d0 += ((packed & cap0) + cap0) >>> bits0;
      d1 += (((packed >>> shift1) & cap1) + cap1) >>> bits1;
      d2 += (((packed >>> shift2) & cap2) + cap2) >>> bits2;
      d3 += (((packed >>> shift3) & cap3) + cap3) >>> bits3;
    }
    dfField[t * FIELD_COUNT] = d0;
    dfField[t * FIELD_COUNT + 1] = d1;
    dfField[t * FIELD_COUNT + 2] = d2;
    dfField[t * FIELD_COUNT + 3] = d3;
    const v = categoryOf(sortedGlobal[t]!, lookupCategoryTerm);
    if (v >= 0) {
      inCategory.fill(0);
      for (let j = vocab.start[v]!; j < vocab.start[v + 1]!; j++) {
        inCategory[vocab.cats[j]!] = 1;
        df += catCount[vocab.cats[j]!]!;
      }
      for (let p = from; p < to; p++) if (inCategory[category[postingDoc[p]!]!]) df--;
    }
    dfAll[t] = df;
  }

  const fz = buildDeletionIndex(terms, (_, t) => isFuzzyTerm(sortedGlobal[t]!));
  const termPlain = new Uint8Array(T);
  for (let t = 0; t < T; t++) if (isPlain(sortedGlobal[t]!)) termPlain[t] = 1;
  const sortedIds = items.map((item) => item.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map<string, number>();
  sortedIds.forEach((id, i) => {
    if (!rankOf.has(id)) rankOf.set(id, i);
  });
  const idRank = new Uint32Array(n);
  for (let d = 0; d < n; d++) idRank[d] = rankOf.get(items[d]!.id)!;

  return {
    regionId,
    version,
    items,
    size: n,
    terms,
    termTable,
    postingStart,
    postingDoc,
    postingTf,
    dfAll,
    dfField,
    fuzzy: fz,
    termPlain,
    fieldLen,
    fieldLenSum,
    category,
    catStart,
    catDocs,
    catCount,
    delivery,
    flags,
    langCombo,
    langComboLo: Uint32Array.from(langComboLo),
    langComboHi: Uint32Array.from(langComboHi),
    audience,
    muniCombo,
    muniComboStart: Uint32Array.from(muniComboStart),
    muniComboIds: Uint16Array.from(muniComboIds),
    fresh,
    idRank,
    sortedIds,
  };
}

/** Id of `term` in the region's vocabulary, or -1. `hash` is `hashString(term)`. */
export function lookupTerm(index: RegionIndex, term: string, hash: number): number {
  const table = index.termTable;
  const mask = table.length - 1;
  let slot = hash & mask;
  for (;;) {
    const t = table[slot]!;
    if (t === -1) return -1;
    if (index.terms[t] === term) return t;
    slot = (slot + 1) & mask;
  }
}

/** First position in a sorted string array not less than `value`. */
export function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
