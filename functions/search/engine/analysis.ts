/**
 * From text to indexed terms, shared by the index builder, the category vocabulary and the query parser.
 *
 * One token gives up to four terms in one vocabulary:
 *   exact form            "hälsan"           (what was written, normalised)
 *   folded form           "halsan"           (only when it differs: å/ä/ö typed as a/a/o)
 *   STEM_MARK + stem      "\u0001häls"        (only when the stem differs from the exact form)
 *   STEM_MARK + folded    "\u0001hals"        (only when it differs from the folded form)
 * A query looks the stem up both behind the mark and as a plain word, so a document that contains the bare
 * stem as a word ("praktik") is found by an inflected query ("praktiken") without storing it twice.
 */
import { STEM_MARK, STOP_WORD_MARK } from './config.ts';
import { globalId, onClear, releaseDictionary, startBuild } from './dictionary.ts';
import { hashString } from './fuzzy.ts';
import { stemArabicLight } from './stem-ar.ts';
import { stemSwedish } from './stem-sv.ts';
import { type PhraseRule, phraseRules } from './synonyms.ts';
import {
  foldSwedish,
  isArabicScript,
  isSwedishLetters,
  STOP_WORDS,
  scanTokens,
  type TokenStream,
  tokenText,
} from './text.ts';

export interface TokenForms {
  exact: string;
  folded: string;
  stem: string;
  foldedStem: string;
  /** The key phrases are matched by (folded stem for Swedish words, folded form otherwise). */
  key: string;
  stop: boolean;
}

export function tokenForms(token: string): TokenForms {
  const folded = foldSwedish(token);
  const swedish = isSwedishLetters(token);
  const stem = swedish ? stemSwedish(token) : isArabicScript(token) ? stemArabicLight(token) : token;
  const foldedStem = foldSwedish(stem);
  return {
    exact: token,
    folded,
    stem,
    foldedStem,
    key: swedish ? foldedStem : folded,
    stop: STOP_WORDS.has(token),
  };
}

/** Which of `indexTerms(forms)` are folded forms of a word written with å/ä/ö (bit j for term j). */
function foldedTerms(forms: TokenForms): number {
  if (forms.folded === forms.exact) return 0;
  // exact, folded (1), then the stem (2, when it differs from the exact form), then the folded stem.
  const foldedStemAt = forms.stem !== forms.exact ? 3 : 2;
  const hasFoldedStem = forms.foldedStem !== forms.folded && forms.foldedStem !== forms.stem;
  return 0b10 | (hasFoldedStem ? 1 << foldedStemAt : 0);
}

/** The vocabulary terms a token is indexed under (1 to 4, distinct). */
export function indexTerms(forms: TokenForms): string[] {
  const terms = [forms.exact];
  if (forms.folded !== forms.exact) terms.push(forms.folded);
  // join() builds flat strings (a + b would be a rope, slower to hash and compare for as long as it lives).
  if (forms.stem !== forms.exact) terms.push([STEM_MARK, forms.stem].join(''));
  if (forms.foldedStem !== forms.folded && forms.foldedStem !== forms.stem) {
    terms.push([STEM_MARK, forms.foldedStem].join(''));
  }
  return terms;
}

interface TokenAnalysis {
  /** Dictionary (global) ids of the token's index terms. */
  ids: readonly number[];
  /** Bit j set when `ids[j]` is a folded form (of the word or of its stem) of a word written with å/ä/ö. */
  foldedMask: number;
  key: string;
  stop: boolean;
  /** For a stop word: the dictionary id of its marked term (STOP_WORD_MARK + word, indexed in titles); else -1. */
  stopTerm: number;
  /** The phrase rules whose first key is this token's (longest first), if any. */
  rules: readonly PhraseRule[] | undefined;
}

/** Analysis of distinct tokens, shared by every region build (regions share most of their words). */
const tokenCache = new Map<string, TokenAnalysis>();
const MAX_TOKENS = 600_000;
onClear(() => tokenCache.clear());

function analyzeToken(token: string): TokenAnalysis {
  let analysis = tokenCache.get(token);
  if (!analysis) {
    const forms = tokenForms(token);
    analysis = {
      ids: forms.stop ? [] : indexTerms(forms).map(globalId),
      foldedMask: forms.stop ? 0 : foldedTerms(forms),
      key: forms.key,
      stop: forms.stop,
      stopTerm: forms.stop ? globalId([STOP_WORD_MARK, forms.exact].join('')) : -1,
      rules: phraseRules(forms.key),
    };
    tokenCache.set(token, analysis);
  }
  return analysis;
}

/** Call before building an index: keeps the shared caches bounded. */
export function beginBuild(): void {
  if (tokenCache.size > MAX_TOKENS) releaseDictionary();
  startBuild();
}

/**
 * A text analyser bound to one vocabulary (a function from dictionary id to the caller's term id). Distinct tokens
 * are interned in an open-addressing table keyed by the hash the scanner computes, so an occurrence of a known
 * word costs one probe and a comparison of code units: no substring, no Map look-up.
 */
export interface TextAnalyzer {
  /**
   * Calls `emit(termId, folded)` for every indexed term of every token (and injected synonym), and with
   * `stopWords` for the marked term of every stop word too; returns the token count (stop words never count).
   * `folded` is 1 for the folded form of a word written with å/ä/ö ("halsa" from "hälsa"), else 0.
   */
  analyze(text: string, emit: (termId: number, folded: number) => void, stopWords?: boolean): number;
}

export function createAnalyzer(termId: (globalId: number) => number): TextAnalyzer {
  // Per interned word w: its term ids at `idList[idStart[w] .. idStart[w + 1])` (× 2, + 1 for the folded form of
  // a word with å/ä/ö), flags (1: stop word), and the phrase rules it may start (with its phrase key, what
  // phrases are compared by).
  let idStart = new Int32Array(1 << 10);
  let idList = new Int32Array(1 << 12);
  let wordFlags = new Uint8Array(1 << 10);
  // A stop word's marked term: its id once emitted, -2 before, -1 for other words.
  let stopIds = new Int32Array(1 << 10);
  const stopTerms: number[] = [];
  const wordKeys: string[] = [];
  const wordRules: (readonly PhraseRule[] | undefined)[] = [];
  let words = 0;
  // Open addressing: slot s holds [hash, word, poolStart, length] at 4s (word -1: empty). The code units of
  // the words live in `pool`, so a probe reads two cache lines at most.
  let slots = 1 << 12;
  let table = new Int32Array(slots * 4).fill(-1);
  let pool = new Uint16Array(1 << 16);
  let poolUsed = 0;
  let seq = new Int32Array(256);

  const place = (hash: number, word: number, at: number, length: number) => {
    const mask = slots - 1;
    let slot = hash & mask;
    while (table[slot * 4 + 1] !== -1) slot = (slot + 1) & mask;
    table[slot * 4] = hash;
    table[slot * 4 + 1] = word;
    table[slot * 4 + 2] = at;
    table[slot * 4 + 3] = length;
  };
  const add = (text: string, hash: number): number => {
    const analysis = analyzeToken(text);
    const word = words++;
    if (words + 1 > idStart.length) {
      const next = new Int32Array(idStart.length * 2);
      next.set(idStart);
      idStart = next;
      const flags = new Uint8Array(idStart.length);
      flags.set(wordFlags);
      wordFlags = flags;
      const stops = new Int32Array(idStart.length);
      stops.set(stopIds);
      stopIds = stops;
    }
    const from = idStart[word]!;
    const ids = analysis.ids;
    if (from + ids.length > idList.length) {
      const next = new Int32Array(Math.max(idList.length * 2, from + ids.length));
      next.set(idList);
      idList = next;
    }
    for (let j = 0; j < ids.length; j++) {
      idList[from + j] = termId(ids[j]!) * 2 + ((analysis.foldedMask >>> j) & 1);
    }
    idStart[word + 1] = from + ids.length;
    wordFlags[word] = analysis.stop ? 1 : 0;
    stopIds[word] = analysis.stop ? -2 : -1;
    stopTerms.push(analysis.stopTerm);
    wordKeys.push(analysis.key);
    wordRules.push(analysis.rules);
    if (poolUsed + text.length > pool.length) {
      const next = new Uint16Array(Math.max(pool.length * 2, poolUsed + text.length));
      next.set(pool);
      pool = next;
    }
    const at = poolUsed;
    for (let i = 0; i < text.length; i++) pool[poolUsed++] = text.charCodeAt(i);
    if ((word + 1) * 2 > slots) {
      const old = table;
      slots *= 2;
      table = new Int32Array(slots * 4).fill(-1);
      for (let s = 0; s < old.length; s += 4) {
        if (old[s + 1] !== -1) place(old[s]!, old[s + 1]!, old[s + 2]!, old[s + 3]!);
      }
    }
    place(hash | 0, word, at, text.length);
    return word;
  };
  /** The interned word of token k of the stream. */
  const find = (tokens: TokenStream, k: number): number => {
    const hash = tokens.hash[k]! | 0;
    const from = tokens.start[k]!;
    const length = tokens.length[k]!;
    const codes = tokens.codes;
    const mask = slots - 1;
    let slot = hash & mask;
    for (;;) {
      const base = slot * 4;
      const word = table[base + 1]!;
      if (word === -1) return add(tokenText(tokens, k), hash);
      if (table[base] === hash && table[base + 3] === length) {
        const at = table[base + 2]!;
        let i = 0;
        while (i < length && pool[at + i] === codes[from + i]) i++;
        if (i === length) return word;
      }
      slot = (slot + 1) & mask;
    }
  };
  const wordOf = (text: string): number => {
    const hash = hashString(text) | 0;
    const mask = slots - 1;
    for (let slot = hash & mask; table[slot * 4 + 1] !== -1; slot = (slot + 1) & mask) {
      const base = slot * 4;
      if (table[base] !== hash || table[base + 3] !== text.length) continue;
      const at = table[base + 2]!;
      let i = 0;
      while (i < text.length && pool[at + i] === text.charCodeAt(i)) i++;
      if (i === text.length) return table[base + 1]!;
    }
    return add(text, hash);
  };

  return {
    analyze(text, emit, stopWords = false) {
      const tokens = scanTokens(text);
      const n = tokens.count;
      if (seq.length < n) seq = new Int32Array(n * 2);
      let phrases = false;
      let count = 0;
      for (let k = 0; k < n; k++) {
        const word = find(tokens, k);
        seq[k] = word;
        if (wordRules[word] !== undefined) phrases = true;
        if (wordFlags[word] === 1) {
          if (stopWords) {
            let id = stopIds[word]!;
            if (id === -2) {
              id = termId(stopTerms[word]!);
              stopIds[word] = id;
            }
            emit(id, 0);
          }
          continue;
        }
        count++;
        const to = idStart[word + 1]!;
        for (let j = idStart[word]!; j < to; j++) {
          const packed = idList[j]!;
          emit(packed >>> 1, packed & 1);
        }
      }
      if (phrases) {
        // The phrases of `findPhrases` (left to right, longest first, not overlapping), compared by key.
        for (let k = 0; k < n; k++) {
          const rules = wordRules[seq[k]!];
          if (rules === undefined) continue;
          for (const rule of rules) {
            const keys = rule.keys;
            if (k + keys.length > n) continue;
            let j = 1;
            while (j < keys.length && wordKeys[seq[k + j]!] === keys[j]) j++;
            if (j < keys.length) continue;
            const word = wordOf(rule.abbreviation);
            const to = idStart[word + 1]!;
            for (let i = idStart[word]!; i < to; i++) emit(idList[i]! >>> 1, idList[i]! & 1);
            count++;
            k += keys.length - 1;
            break;
          }
        }
      }
      return count;
    },
  };
}
