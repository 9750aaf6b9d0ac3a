/**
 * Swedish names where codes are wanted: "Huddinge"/"0126"/"Huddinge kommun" → 0126,
 * "arabiska"/"ar" → ar, "praktik"/"arbete.praktik"/"Praktik" → arbete.praktik, "kvinnor" → women.
 * Exact (case-insensitive) matches first; then the same without diacritics when that is unambiguous
 * ("Varmdo" → Värmdö, but "Habo" stays Habo and never becomes Håbo).
 */
import { MUNICIPALITIES, type Municipality, nameKey, resolveMunicipality } from '../../../shared/geo.ts';
import {
  type ContentLanguage,
  languageNamesForSuggestions,
  resolveLanguage,
} from '../../../shared/languages.ts';
import { CATEGORIES, type Category, type Term } from '../../../shared/taxonomy.ts';
import { fold } from './suggest.ts';

/** A lookup where a folded key that points at two different values is ambiguous (and not used). */
function foldedIndex<T>(entries: Iterable<[string, T]>): Map<string, T | null> {
  const index = new Map<string, T | null>();
  for (const [key, value] of entries) {
    const k = fold(key);
    if (!k) continue;
    const seen = index.get(k);
    if (seen === undefined) index.set(k, value);
    else if (seen !== value) index.set(k, null);
  }
  return index;
}

let municipalityFolded: Map<string, Municipality | null> | undefined;
export function resolveMunicipalityLoose(input: string): Municipality | undefined {
  const exact = resolveMunicipality(input);
  if (exact) return exact;
  // The genitive of the official name: "Salems kommun", "Nynäshamns kommun" (nameKey strips only " kommun").
  const genitive = /^(.+)s\s+kommun$/i.exec(input.trim());
  const plain = genitive ? resolveMunicipality(genitive[1]!) : undefined;
  if (plain) return plain;
  municipalityFolded ??= foldedIndex(MUNICIPALITIES.map((m) => [nameKey(m.name), m]));
  return municipalityFolded.get(fold(nameKey(input))) ?? undefined;
}

let languageFolded: Map<string, ContentLanguage | null> | undefined;
export function resolveLanguageLoose(input: string): ContentLanguage | undefined {
  const exact = resolveLanguage(input);
  if (exact) return exact;
  languageFolded ??= foldedIndex(languageNamesForSuggestions().map(({ name, code }) => [name, code]));
  return languageFolded.get(fold(input)) ?? undefined;
}

let categoryExact: Map<string, Category> | undefined;
let categoryFolded: Map<string, Category | null> | undefined;
/** A category by code, Swedish or English label, alias, or the last part of its code ("praktik"). */
export function resolveCategory(input: string): Category | undefined {
  if (!categoryExact) {
    categoryExact = new Map();
    const entries: [string, Category][] = [];
    for (const c of CATEGORIES) {
      const keys = [c.code, c.labels.sv, c.labels.en, ...(c.aliases ?? [])];
      for (const k of keys) {
        const lower = k.toLowerCase();
        if (!categoryExact.has(lower)) categoryExact.set(lower, c);
        entries.push([k, c]);
      }
    }
    // The last part of a sub-category code ("praktik") when it is not taken by something else.
    for (const c of CATEGORIES) {
      const last = c.code.split('.').pop()!;
      if (!categoryExact.has(last)) categoryExact.set(last, c);
      entries.push([last, c]);
    }
    categoryFolded = foldedIndex(entries);
  }
  const value = input.trim().replace(/\s+/g, ' ');
  const found = categoryExact.get(value.toLowerCase()) ?? categoryFolded!.get(fold(value)) ?? undefined;
  if (found) return found;
  // "Arbete > Praktik", "Arbete / Praktik", "Arbete - Praktik": the most specific part.
  const parts = value.split(/\s*(?:>|\/|\s-\s|:)\s*/).filter(Boolean);
  if (parts.length > 1) return resolveCategory(parts[parts.length - 1]!);
  return undefined;
}

const termIndexes = new Map<
  readonly Term[],
  { exact: Map<string, Term>; folded: Map<string, Term | null> }
>();
/** A term (audience, delivery form, provider type) by code, Swedish or English label, or alias. */
export function resolveTerm(terms: readonly Term[], input: string): Term | undefined {
  let index = termIndexes.get(terms);
  if (!index) {
    const exact = new Map<string, Term>();
    const entries: [string, Term][] = [];
    for (const t of terms) {
      for (const k of [t.code, t.labels.sv, t.labels.en, ...(t.aliases ?? [])]) {
        if (!exact.has(k.toLowerCase())) exact.set(k.toLowerCase(), t);
        entries.push([k, t]);
      }
    }
    index = { exact, folded: foldedIndex(entries) };
    termIndexes.set(terms, index);
  }
  const value = input.trim().replace(/\s+/g, ' ');
  return index.exact.get(value.toLowerCase()) ?? index.folded.get(fold(value)) ?? undefined;
}

/**
 * The provider type a name implies, when the type is not given:
 * "Huddinge kommun" → municipality, "Arbetsförmedlingen" → employment-service, "ABF Södertörn" → education.
 */
export function inferProviderType(name: string): string | undefined {
  const n = name.trim().toLowerCase();
  if (!n) return undefined;
  if (/arbetsförmedling/.test(n)) return 'employment-service';
  if (/länsstyrelse/.test(n)) return 'county-board';
  if (/^region\b/.test(n)) return 'region';
  if (/\bkommun\b|\bstad\b/.test(n) || resolveMunicipality(name)) return 'municipality';
  if (
    /folkhögskola|studieförbund|\babf\b|studiefrämjandet|medborgarskolan|\bsensus\b|bilda|vuxenutbildning|komvux|universitet|högskola/.test(
      n,
    )
  ) {
    return 'education';
  }
  if (/förening|röda korset|rädda barnen|kyrka|församling|stiftelse|ideell|\bforum\b|\bforum för\b/.test(n))
    return 'ngo';
  if (/\bab\b|aktiebolag/.test(n)) return 'private';
  return undefined;
}
