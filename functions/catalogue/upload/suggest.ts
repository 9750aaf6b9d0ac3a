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
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** How far a typo may be from the word it was meant to be. */
const allowedDistance = (length: number) => (length <= 3 ? 0 : length <= 5 ? 1 : length <= 10 ? 2 : 3);

/** The closest candidate key within the allowed distance (ties: the first one listed). */
export function closest<T>(input: string, candidates: readonly { key: string; value: T }[]): T | undefined {
  const key = fold(input);
  if (!key) return undefined;
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

export function suggestTerm(terms: readonly Term[], input: string): Term | undefined {
  const keys = terms.flatMap((t) =>
    [t.code, t.labels.sv, t.labels.en, ...(t.aliases ?? [])].map((k) => ({ key: fold(k), value: t })),
  );
  return closest(input, keys);
}
