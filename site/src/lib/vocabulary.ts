/**
 * Build time: the labels of one UI language for everything coded in an intervention, from the shared
 * taxonomy, the list of municipalities and the platform's language names. Pages hand a vocabulary (or a
 * part of it) to islands as props, so the browser never loads the taxonomy of all seven languages.
 */
import { MUNICIPALITIES } from '../../../shared/geo.ts';
import { CONTENT_LANGUAGES, languageName, type UiLanguage } from '../../../shared/languages.ts';
import {
  AUDIENCES,
  CATEGORIES,
  DELIVERY_MODES,
  PROVIDER_TYPES,
  type Term,
} from '../../../shared/taxonomy.ts';
import type { Vocabulary } from './catalogue-view.ts';
import { slugify } from './slug.ts';

const termLabels = (terms: readonly Term[], lang: UiLanguage) =>
  Object.fromEntries(terms.map((term) => [term.code, term.labels[lang]]));

const cache = new Map<string, Vocabulary>();

/**
 * The whole vocabulary of `lang`. `municipalityPages` lists the municipalities that have a page (the
 * build decides which); `regions` names the regions; `reviewIntervals` gives their review intervals
 * (GET /api/regions; a region not named has the default).
 */
export function vocabulary(
  lang: UiLanguage,
  context: {
    municipalityPages: Iterable<string>;
    regions: Record<string, string>;
    reviewIntervals?: Record<string, number>;
  },
): Vocabulary {
  const pages = [...context.municipalityPages];
  const reviewIntervals = { ...context.reviewIntervals };
  const key = `${lang}:${pages.length}:${Object.keys(context.regions).join(',')}:${JSON.stringify(reviewIntervals)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const vocab: Vocabulary = {
    categories: Object.fromEntries(CATEGORIES.map((category) => [category.code, category.labels[lang]])),
    audiences: termLabels(AUDIENCES, lang),
    delivery: termLabels(DELIVERY_MODES, lang),
    providerTypes: termLabels(PROVIDER_TYPES, lang),
    languages: Object.fromEntries(CONTENT_LANGUAGES.map((code) => [code, languageName(code, lang)])),
    municipalities: Object.fromEntries(MUNICIPALITIES.map((m) => [m.code, m.name])),
    municipalityPages: Object.fromEntries(pages.map((code) => [code, municipalitySlug(code)])),
    regions: { ...context.regions },
    reviewIntervals,
  };
  cache.set(key, vocab);
  return vocab;
}

/**
 * Only what a listing island can need: the labels an entry shows, the municipalities named in
 * `municipalityCodes` (the page's items and region) and the review intervals of `regionIds` (the regions
 * whose items the page lists; all when not given). A newly published item naming another municipality
 * shows its code until the next build, which is rare and harmless; every municipality would cost each
 * listing page ~3 kB gzip. (Props are serialized into every page, thousands of times per build.)
 */
export function trimVocabulary(
  vocab: Vocabulary,
  municipalityCodes: Iterable<string>,
  regionIds?: Iterable<string>,
): Vocabulary {
  const municipalities: Record<string, string> = {};
  for (const code of municipalityCodes) {
    if (vocab.municipalities[code]) municipalities[code] = vocab.municipalities[code];
  }
  let reviewIntervals = vocab.reviewIntervals;
  if (regionIds) {
    reviewIntervals = {};
    for (const id of regionIds) {
      if (vocab.reviewIntervals[id] !== undefined) reviewIntervals[id] = vocab.reviewIntervals[id];
    }
  }
  return { ...vocab, municipalities, municipalityPages: {}, providerTypes: {}, regions: {}, reviewIntervals };
}

const nameByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));
/** Names that give the same slug (Håbo and Habo) get their code too: `habo-0305`, `habo-0643`. */
const slugs = (() => {
  const plain = MUNICIPALITIES.map((m) => [m.code, slugify(m.name)] as const);
  const seen = new Map<string, number>();
  for (const [, slug] of plain) seen.set(slug, (seen.get(slug) ?? 0) + 1);
  return new Map(plain.map(([code, slug]) => [code, seen.get(slug)! > 1 ? `${slug}-${code}` : slug]));
})();

/** `0126` → `huddinge`, `0114` → `upplands-vasby`; unique (test/site/listings.test.ts). */
export function municipalitySlug(code: string): string {
  const slug = slugs.get(code);
  if (!slug) throw new Error(`Unknown municipality code "${code}"`);
  return slug;
}

export function municipalityNameOf(code: string): string {
  return nameByCode.get(code) ?? code;
}
