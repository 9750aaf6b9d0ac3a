/**
 * The category labels as a virtual search field. Every document of a category shares the same label text
 * (its labels in every UI language, its aliases, its parent's labels), so instead of 40 postings per
 * document the engine keeps one tiny national vocabulary: term → categories (with a frequency). At query
 * time a term found here adds a match for every document of those categories.
 */
import { CATEGORIES } from '../../../shared/taxonomy.ts';
import { createAnalyzer } from './analysis.ts';
import { isFuzzyIndexed, termOf } from './dictionary.ts';
import { buildDeletionIndex, type DeletionIndex } from './fuzzy.ts';

/** Frequency of a term in one category's label text is capped: nine translations of "SFI" count as two. */
const CATEGORY_TF_CAP = 2;

export const CATEGORY_COUNT = CATEGORIES.length;
export const categoryIndexByCode: ReadonlyMap<string, number> = new Map(
  CATEGORIES.map((c, i) => [c.code, i]),
);
/** Index of each category's parent (itself for a top-level category). */
export const categoryParent: Uint8Array = Uint8Array.from(CATEGORIES, (c) =>
  c.parent ? categoryIndexByCode.get(c.parent)! : categoryIndexByCode.get(c.code)!,
);

export interface CategoryVocabulary {
  /** Sorted terms. */
  readonly terms: readonly string[];
  readonly byTerm: ReadonlyMap<string, number>;
  /** For term t: categories `cats[start[t]..start[t+1])` with frequencies `tf[...]`. */
  readonly start: Uint32Array;
  readonly cats: Uint8Array;
  readonly tf: Uint8Array;
  /** 1 where the category's labels have the term only as the folded form of words with å/ä/ö. */
  readonly foldedOnly: Uint8Array;
  readonly fuzzy: DeletionIndex;
}

function buildCategoryVocabulary(): CategoryVocabulary {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const analyzer = createAnalyzer((gid) => {
    const term = termOf(gid);
    let id = ids.get(term);
    if (id === undefined) {
      id = names.length;
      ids.set(term, id);
      names.push(term);
    }
    return id;
  });
  const perCategory: Map<number, number>[] = [];
  const writtenPerCategory: Set<number>[] = [];
  for (const category of CATEGORIES) {
    const counts = new Map<number, number>();
    const written = new Set<number>();
    const texts: string[] = [...Object.values(category.labels), ...(category.aliases ?? [])];
    const parent = category.parent ? CATEGORIES.find((c) => c.code === category.parent) : undefined;
    if (parent) texts.push(...Object.values(parent.labels));
    for (const text of texts) {
      analyzer.analyze(text, (id, folded) => {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        if (!folded) written.add(id);
      });
    }
    perCategory.push(counts);
    writtenPerCategory.push(written);
  }
  const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const terms = order.map((i) => names[i]!);
  const rank = new Uint32Array(names.length);
  order.forEach((oldId, newId) => {
    rank[oldId] = newId;
  });
  const lists: [number, number, number][][] = terms.map(() => []);
  perCategory.forEach((counts, c) => {
    for (const [id, n] of counts) {
      lists[rank[id]!]!.push([c, Math.min(n, CATEGORY_TF_CAP), writtenPerCategory[c]!.has(id) ? 0 : 1]);
    }
  });
  const start = new Uint32Array(terms.length + 1);
  lists.forEach((list, t) => {
    start[t + 1] = start[t]! + list.length;
  });
  const cats = new Uint8Array(start[terms.length]!);
  const tf = new Uint8Array(start[terms.length]!);
  const foldedOnly = new Uint8Array(start[terms.length]!);
  lists.forEach((list, t) => {
    list.forEach(([c, n, folded], j) => {
      cats[start[t]! + j] = c;
      tf[start[t]! + j] = n;
      foldedOnly[start[t]! + j] = folded;
    });
  });
  return {
    terms,
    byTerm: new Map(terms.map((t, i) => [t, i])),
    start,
    cats,
    tf,
    foldedOnly,
    fuzzy: buildDeletionIndex(terms, isFuzzyIndexed),
  };
}

export const CATEGORY_VOCABULARY: CategoryVocabulary = buildCategoryVocabulary();
