/**
 * From the text a person typed to a query plan: for each query term, the vocabulary terms it matches with
 * their weights (exact, folded, stem, synonym, prefix completions, one-edit neighbours, compound parts), the
 * term ids of each in every region, and what a match of each is worth per field (weight × global per-field idf
 * × boost).
 *
 * Every choice here is made over the union of the regions' vocabularies with a partition-independent rule
 * (lexicographic pools, global document frequencies), so a federated query expands exactly like a query on
 * one merged index would.
 */
import { type TokenForms, tokenForms } from './analysis.ts';
import { CATEGORY_COUNT, CATEGORY_VOCABULARY } from './category-vocab.ts';
import {
  CATEGORY_BOOST,
  FIELD_BOOST,
  FIELD_COUNT,
  K1,
  QUERY_LIMITS,
  STEM_MARK,
  STOP_WORD_MARK,
  WEIGHT,
} from './config.ts';
import { isPlainTerm } from './dictionary.ts';
import { deletionHashes, hashString, lookupDeletions, withinOneEdit } from './fuzzy.ts';
import { lookupTerm, lowerBound } from './region-index.ts';
import type { GlobalStats } from './stats.ts';
import { findPhrases } from './synonyms.ts';
import { tokenize } from './text.ts';

export interface QueryTerm {
  forms: TokenForms;
  /** An abbreviation to search as well (the term is a one-word synonym phrase). */
  synonym?: string;
  /** The term stands for a multi-word phrase: search the abbreviation only. */
  phrase?: boolean;
  /** A stop word: never required, never adds a match; it orders the matches whose title holds it. */
  optional?: boolean;
  /**
   * A stop word in a query of nothing but stop words ("och inom"): then they are the text, required like
   * words, matched in titles only (where stop words are indexed), exactly as typed.
   */
  stopWord?: boolean;
}

/**
 * Parse `q` into at most QUERY_LIMITS.maxTerms distinct terms: the words first, then the stop words (optional
 * terms) while there is room. A query of stop words only searches them as words, in titles. Never throws.
 */
export function parseQuery(q: string | undefined | null): QueryTerm[] {
  if (typeof q !== 'string') return [];
  const tokens = tokenize(q.slice(0, QUERY_LIMITS.maxChars));
  const forms = tokens.map(tokenForms);
  const phrases = findPhrases(forms.map((f) => f.key));
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const stops: QueryTerm[] = [];
  const push = (term: QueryTerm) => {
    const key = (term.phrase ? '\u0002' : term.optional ? '\u0003' : '') + term.forms.exact;
    if (seen.has(key) || terms.length >= QUERY_LIMITS.maxTerms) return;
    seen.add(key);
    terms.push(term);
  };
  let next = 0;
  for (let i = 0; i < forms.length; i++) {
    const phrase = phrases[next];
    if (phrase && phrase.start === i) {
      next++;
      if (phrase.length > 1) {
        push({ forms: tokenForms(phrase.abbreviation), phrase: true });
        i += phrase.length - 1;
        continue;
      }
      push({ forms: forms[i]!, synonym: phrase.abbreviation });
      continue;
    }
    if (forms[i]!.stop) stops.push({ forms: forms[i]!, optional: true });
    else push({ forms: forms[i]! });
  }
  const onlyStops = terms.length === 0;
  for (const stop of stops) push(onlyStops ? { forms: stop.forms, stopWord: true } : stop);
  return terms;
}

/** A vocabulary term a query term matches, resolved in every region. */
export interface Expansion {
  readonly term: string;
  /** How much a match is worth relative to the exact word (WEIGHT). */
  weight: number;
  /** Only a completion, a one-edit neighbour or a compound part: the first to go when a query is too costly. */
  extra: boolean;
  /**
   * Factor for a document having the term only as the folded form of words with å/ä/ö (FOLDED_ONLY): below 1
   * when the query term was typed without them ("habo": "Håbo" after "Habo"), else 1.
   */
  foldedFactor: number;
  /** Term id in each region (aligned with `stats.indexes`), or -1. */
  readonly local: Int32Array;
  /** Categories whose labels contain the term, and its saturated frequency tf · (k1 + 1) / (tf + k1) in each. */
  readonly cats: readonly number[];
  readonly catTf: Float64Array | null;
  /** Per category: 1 where its labels have the term only as a folded form (see `foldedFactor`). */
  readonly catFolded: Uint8Array | null;
  /** Documents containing it nationally, in any field. */
  readonly df: number;
  /** Documents containing it nationally per field, and (last) per the category labels: FIELD_COUNT + 1 counts. */
  readonly dfField: Float64Array;
}

/** An expansion with what a match of it is worth in each field (weight, idf and boost folded in). */
export interface ScoredExpansion extends Expansion {
  /** weight · idf_f · boost_f · (k1 + 1): field f adds this · tf / (tf + norm). */
  readonly fieldScale: Float64Array;
  /** Per category: weight · idf_cat · CATEGORY_BOOST · the saturated label frequency; null when in no label. */
  readonly catScore: Float64Array | null;
}

export interface TermPlan {
  readonly expansions: readonly ScoredExpansion[];
  /** A stop word (one expansion: its marked title term): orders the matches of the other terms, never required. */
  readonly optional: boolean;
  /** Per field (and last the category labels): the idf of the term's own forms, which caps its expansions'. */
  readonly idf: Float64Array;
  /** The largest national df among the expansions: plans are ordered by it, rarest first. */
  readonly df: number;
}

/** Resolves vocabulary terms across regions once per query. */
class Resolver {
  readonly stats: GlobalStats;
  private readonly cache = new Map<string, Expansion | null>();

  constructor(stats: GlobalStats) {
    this.stats = stats;
  }

  /** The term resolved everywhere, or null when no region (and no category label) has it. */
  resolve(term: string): Expansion | null {
    const cached = this.cache.get(term);
    if (cached !== undefined) return cached;
    const { indexes } = this.stats;
    const hash = hashString(term);
    const local = new Int32Array(indexes.length);
    const vocab = CATEGORY_VOCABULARY;
    const v = vocab.byTerm.get(term);
    const cats: number[] = [];
    const dfField = new Float64Array(FIELD_COUNT + 1);
    let catTf: Float64Array | null = null;
    let catFolded: Uint8Array | null = null;
    if (v !== undefined) {
      catTf = new Float64Array(CATEGORY_COUNT);
      catFolded = new Uint8Array(CATEGORY_COUNT);
      for (let j = vocab.start[v]!; j < vocab.start[v + 1]!; j++) {
        const c = vocab.cats[j]!;
        const tf = vocab.tf[j]!;
        cats.push(c);
        catTf[c] = (tf * (K1 + 1)) / (tf + K1);
        catFolded[c] = vocab.foldedOnly[j]!;
        dfField[FIELD_COUNT]! += this.stats.catCount[c]!;
      }
    }
    let df = 0;
    let found = cats.length > 0;
    for (let r = 0; r < indexes.length; r++) {
      const index = indexes[r]!;
      const id = lookupTerm(index, term, hash);
      local[r] = id;
      if (id >= 0) {
        df += index.dfAll[id]!;
        for (let f = 0; f < FIELD_COUNT; f++) dfField[f]! += index.dfField[id * FIELD_COUNT + f]!;
        found = true;
      } else for (const c of cats) df += index.catCount[c]!;
    }
    const result =
      found && df > 0
        ? { term, weight: 0, extra: false, foldedFactor: 1, local, cats, catTf, catFolded, df, dfField }
        : null;
    this.cache.set(term, result);
    return result;
  }

  exists(term: string): boolean {
    return this.resolve(term) !== null;
  }

  /**
   * Completions of `prefix` (excluding itself): the lexicographically first `prefixPool` of the union of all
   * vocabularies, then the shortest of those. Each region contributes at most a pool's worth. With
   * `plainOnly`, only plain (folded) words: a folded prefix need not complete to both "hälsa" and "halsa".
   */
  completions(prefix: string, plainOnly: boolean): string[] {
    const limit = QUERY_LIMITS.prefixPool;
    let pool: string[] = [];
    const scan = (terms: readonly string[], plain: (t: number) => boolean) => {
      const found: string[] = [];
      const ceiling = pool.length >= limit ? pool[limit - 1]! : undefined;
      for (let i = lowerBound(terms, prefix); i < terms.length && found.length < limit; i++) {
        const term = terms[i]!;
        if (!term.startsWith(prefix)) break;
        if (ceiling !== undefined && term > ceiling) break;
        if (term !== prefix && (!plainOnly || plain(i))) found.push(term);
      }
      if (found.length) pool = mergeSorted(pool, found, limit);
    };
    const categoryTerms = CATEGORY_VOCABULARY.terms;
    scan(categoryTerms, (i) => isPlainTerm(categoryTerms[i]!));
    for (const index of this.stats.indexes) scan(index.terms, (i) => index.termPlain[i] === 1);
    return pool
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      .slice(0, QUERY_LIMITS.maxPrefixExpansions);
  }

  /** Words one edit away from `word` (excluding itself), most frequent first. */
  neighbours(word: string): Expansion[] {
    const hashes = deletionHashes(word);
    const candidates = new Set<string>();
    lookupDeletions(CATEGORY_VOCABULARY.fuzzy, hashes, (id) =>
      candidates.add(CATEGORY_VOCABULARY.terms[id]!),
    );
    for (const index of this.stats.indexes) {
      lookupDeletions(index.fuzzy, hashes, (id) => candidates.add(index.terms[id]!));
    }
    const found: Expansion[] = [];
    for (const candidate of candidates) {
      if (candidate === word || !withinOneEdit(word, candidate)) continue;
      const resolved = this.resolve(candidate);
      if (resolved) found.push(resolved);
    }
    return found
      .sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
      .slice(0, QUERY_LIMITS.maxFuzzyExpansions);
  }
}

/** Merge two sorted lists of distinct strings, without duplicates, keeping the first `limit`. */
function mergeSorted(a: readonly string[], b: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

export function idf(df: number, docCount: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** Expand and resolve each query term. A term with no expansion anywhere gets an empty list. */
export function planQuery(terms: readonly QueryTerm[], stats: GlobalStats): TermPlan[] {
  const resolver = new Resolver(stats);
  const chosenPerTerm = terms.map((term) => {
    const chosen = new Map<string, Expansion>();
    const add = (word: string, weight: number, extra = false) => {
      if (!word || weight <= 0) return;
      const resolved = resolver.resolve(word);
      if (!resolved) return;
      const have = chosen.get(word);
      if (have) {
        have.weight = Math.max(have.weight, weight);
        have.extra &&= extra;
      } else chosen.set(word, { ...resolved, weight, extra });
    };
    /**
     * A word typed without å/ä/ö matches the folded forms of words written with them too: in a document having
     * only those, each of its matches counts as folded (WEIGHT.folded).
     */
    const foldedBelowWritten = () => {
      if (term.forms.exact !== term.forms.folded) return;
      for (const e of chosen.values()) e.foldedFactor = WEIGHT.folded / WEIGHT.exact;
    };
    const f = term.forms;
    if (term.optional) {
      add([STOP_WORD_MARK, f.exact].join(''), WEIGHT.stopWord);
    } else if (term.stopWord) {
      add([STOP_WORD_MARK, f.exact].join(''), WEIGHT.exact);
    } else if (term.phrase) {
      add(f.exact, WEIGHT.exact);
    } else {
      add(f.exact, WEIGHT.exact);
      add(f.folded, WEIGHT.folded);
      add(STEM_MARK + f.stem, WEIGHT.stem);
      add(f.stem, WEIGHT.stem);
      add(STEM_MARK + f.foldedStem, WEIGHT.foldedStem);
      add(f.foldedStem, WEIGHT.foldedStem);
      if (term.synonym) add(term.synonym, WEIGHT.synonym);

      if (f.folded.length >= QUERY_LIMITS.prefixMinChars) {
        const prefixWeight = (prefix: string, word: string, factor: number) =>
          factor *
          (WEIGHT.prefixMin +
            ((WEIGHT.prefixMax - WEIGHT.prefixMin) * prefix.length) / Math.max(word.length, 1));
        for (const word of resolver.completions(f.exact, f.exact === f.folded)) {
          add(word, prefixWeight(f.exact, word, 1), true);
        }
        if (f.folded !== f.exact) {
          for (const word of resolver.completions(f.folded, true)) {
            add(word, prefixWeight(f.folded, word, WEIGHT.folded), true);
          }
        }
      }
      if (f.folded.length >= QUERY_LIMITS.fuzzyMinChars) {
        for (const neighbour of resolver.neighbours(f.folded)) add(neighbour.term, WEIGHT.fuzzy, true);
      }
      if (f.folded.length >= QUERY_LIMITS.compoundMinChars) {
        for (const part of compoundParts(f.folded, resolver)) add(part, WEIGHT.compoundPart, true);
      }
      foldedBelowWritten();
    }
    return [...chosen.values()].sort((a, b) => (a.term < b.term ? -1 : 1));
  });
  trimToBudget(chosenPerTerm);
  const plans = chosenPerTerm.map((expansions, i) =>
    scoreTerm(expansions, stats.docCount, terms[i]!.optional === true),
  );
  // Rarest first (ties: query order): an all-terms search then scores the fewest candidates. Stop words last.
  return plans
    .map((plan, i) => ({ plan, i }))
    .sort((a, b) => Number(a.plan.optional) - Number(b.plan.optional) || a.plan.df - b.plan.df || a.i - b.i)
    .map(({ plan }) => plan);
}

/**
 * What each expansion of one query term is worth per field. Every field has its own idf (a word common in
 * descriptions can be rare in titles): idf_f from the national number of documents having the term in field f.
 * The term's own forms (exact, folded, stems, synonym; or, when it has none, e.g. a typo, all its expansions)
 * give the term's idf_f — the largest df among them, so a rare inflection or misspelling never outweighs the
 * word — and an expansion keeps its own idf_f up to that cap, so a rare completion cannot outrank the word typed
 * and a common one does not drag the word down.
 */
function scoreTerm(expansions: Expansion[], docCount: number, optional: boolean): TermPlan {
  const own = expansions.filter((e) => !e.extra);
  const basis = own.length ? own : expansions;
  const cap = new Float64Array(FIELD_COUNT + 1);
  let df = 0;
  for (const e of expansions) df = Math.max(df, e.df);
  for (let f = 0; f <= FIELD_COUNT; f++) {
    let maxDf = 0;
    for (const e of basis) maxDf = Math.max(maxDf, e.dfField[f]!);
    cap[f] = idf(maxDf, docCount);
  }
  const scored = expansions.map((e): ScoredExpansion => {
    const fieldScale = new Float64Array(FIELD_COUNT);
    for (let f = 0; f < FIELD_COUNT; f++) {
      fieldScale[f] = e.weight * Math.min(idf(e.dfField[f]!, docCount), cap[f]!) * FIELD_BOOST[f]! * (K1 + 1);
    }
    let catScore: Float64Array | null = null;
    if (e.catTf) {
      const scale =
        e.weight * Math.min(idf(e.dfField[FIELD_COUNT]!, docCount), cap[FIELD_COUNT]!) * CATEGORY_BOOST;
      const folded = e.catFolded;
      catScore = e.catTf.map((tf, c) => tf * scale * (folded?.[c] ? e.foldedFactor : 1));
    }
    return { ...e, fieldScale, catScore };
  });
  return { expansions: scored, optional, idf: cap, df };
}

/**
 * Keep the postings a query visits under QUERY_LIMITS.maxPostings: while over, the term whose extra
 * expansions (completions, neighbours, compound parts) cost most loses them. Decided on global document
 * frequencies, so a federated query trims exactly like a merged one.
 */
function trimToBudget(perTerm: Expansion[][]): void {
  const cost = (list: readonly Expansion[], extraOnly: boolean) =>
    list.reduce((sum, e) => sum + (!extraOnly || e.extra ? e.df : 0), 0);
  let total = perTerm.reduce((sum, list) => sum + cost(list, false), 0);
  while (total > QUERY_LIMITS.maxPostings) {
    let worst = -1;
    let worstCost = 0;
    perTerm.forEach((list, i) => {
      const c = cost(list, true);
      if (c > worstCost) {
        worst = i;
        worstCost = c;
      }
    });
    if (worst < 0) return;
    perTerm[worst] = perTerm[worst]!.filter((e) => !e.extra);
    total -= worstCost;
  }
}

/**
 * Split a compound typed as one word at its longest known head: "praktikplatser" → "praktik", plus the tail
 * ("platser") when it is a known word too, or the tail without a leading linking s.
 */
function compoundParts(word: string, resolver: Resolver): string[] {
  const { compoundHeadMinChars, compoundTailMinChars } = QUERY_LIMITS;
  for (let cut = word.length - compoundTailMinChars; cut >= compoundHeadMinChars; cut--) {
    const head = word.slice(0, cut);
    if (!resolver.exists(head)) continue;
    const tail = word.slice(cut);
    const parts = [head];
    if (resolver.exists(tail)) parts.push(tail);
    else if (tail[0] === 's' && tail.length - 1 >= compoundTailMinChars && resolver.exists(tail.slice(1))) {
      parts.push(tail.slice(1));
    }
    return parts;
  }
  return [];
}
