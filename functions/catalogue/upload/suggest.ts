/**
 * "Did you mean …?": a small edit distance over the closed vocabularies
 * (municipality names, category labels and aliases, language names, audience/delivery/provider terms).
 */
import { MUNICIPALITIES, type Municipality, nameKey } from '../../../shared/geo.ts';
import { type ContentLanguage, languageNamesForSuggestions } from '../../../shared/languages.ts';
import { CATEGORIES, type Category, type Term } from '../../../shared/taxonomy.ts';

/** Lower case without diacritics and with single spaces: "  Värmdö " → "varmdo". */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (m === 0 || n === 0) return Math.max(m, n);
  if (rows[0]!.length <= n) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(n + 16);
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const ai = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n]!;
}
/** Three reusable rows for `editDistance` (grown on demand). */
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** How far a typo may be from the word it was meant to be. */
const allowedDistance = (length: number) => (length <= 3 ? 0 : length <= 5 ? 1 : length <= 10 ? 2 : 3);

/**
 * The closest candidate key within the allowed distance (ties: the first one listed).
 * Answers are remembered per candidate list: a spreadsheet repeats its typos on many rows.
 */
export function closest<T>(input: string, candidates: readonly { key: string; value: T }[]): T | undefined {
  const key = fold(input);
  if (!key) return undefined;
  let memo = memos.get(candidates) as Map<string, T | undefined> | undefined;
  if (!memo) {
    memo = new Map();
    memos.set(candidates, memo);
  }
  if (memo.has(key)) return memo.get(key);
  if (searchesLeft <= 0) return undefined;
  searchesLeft--;
  const found = search(key, candidates);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, found);
  return found;
}

const MEMO_LIMIT = 10_000;
let searchesLeft = Number.POSITIVE_INFINITY;

/**
 * Run `fn` with at most `max` new suggestion searches (remembered answers are free). Only the first
 * problems of a file are shown anyway; a file with a new typo on every one of 20,000 rows must not
 * spend seconds on suggestions nobody reads. Synchronous, so the limit cannot leak into other work.
 */
export function withSuggestionLimit<T>(max: number, fn: () => T): T {
  const before = searchesLeft;
  searchesLeft = max;
  try {
    return fn();
  } finally {
    searchesLeft = before;
  }
}
const memos = new WeakMap<object, Map<string, unknown>>();

function search<T>(key: string, candidates: readonly { key: string; value: T }[]): T | undefined {
  const max = allowedDistance(key.length);
  let best: T | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const d = editDistance(key, candidate.key, bestDistance - 1);
    if (d < bestDistance) {
      best = candidate.value;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}

let municipalityKeys: { key: string; value: Municipality }[] | undefined;
export function suggestMunicipality(input: string): Municipality | undefined {
  municipalityKeys ??= MUNICIPALITIES.map((m) => ({ key: fold(nameKey(m.name)), value: m }));
  return closest(nameKey(input), municipalityKeys);
}

let categoryKeys: { key: string; value: Category }[] | undefined;
export function suggestCategory(input: string): Category | undefined {
  categoryKeys ??= CATEGORIES.flatMap((c) =>
    [c.code, c.code.split('.').pop()!, c.labels.sv, c.labels.en, ...(c.aliases ?? [])].map((k) => ({
      key: fold(k),
      value: c,
    })),
  );
  return closest(input, categoryKeys);
}

let languageKeys: { key: string; value: ContentLanguage }[] | undefined;
export function suggestLanguage(input: string): ContentLanguage | undefined {
  languageKeys ??= languageNamesForSuggestions().map(({ name, code }) => ({ key: fold(name), value: code }));
  return closest(input, languageKeys);
}

const termKeys = new WeakMap<readonly Term[], { key: string; value: Term }[]>();
export function suggestTerm(terms: readonly Term[], input: string): Term | undefined {
  let keys = termKeys.get(terms);
  if (!keys) {
    keys = terms.flatMap((t) =>
      [t.code, t.labels.sv, t.labels.en, ...(t.aliases ?? [])].map((k) => ({ key: fold(k), value: t })),
    );
    termKeys.set(terms, keys);
  }
  return closest(input, keys);
}
