/**
 * The search engine: pure TypeScript, no I/O. Build one `RegionIndex` per region from its live catalogue
 * version (`buildRegionIndex`), then `searchFederated(indexes, query)`; rankings equal those of one merged
 * national index.
 *
 * - Text (text.ts, analysis.ts): one scan per text with a per-code-unit table; each word is indexed in its
 *   exact form (å/ä/ö kept), its folded form, and its Swedish (Snowball) or Arabic light stem (a posting marks
 *   a term the document has only as a folded form, so "habo" ranks Habo above Håbo); the domain's
 *   abbreviations are added where their phrases occur (synonyms.ts). Stop words are indexed in titles only,
 *   as optional query terms: "hälsa och" matches what "hälsa" matches, "Trauma och psykisk hälsa" first.
 *   Category labels in every UI language are a virtual field shared by all documents of a category
 *   (category-vocab.ts).
 * - Index (region-index.ts): typed arrays only — postings (16-bit documents, 16-bit packed field
 *   frequencies), per-field document frequencies, per-document filter attributes, a deletion-neighbourhood
 *   table for typos (fuzzy.ts). Built in one pass over the documents (words interned once per build, their
 *   analysis shared by all builds), then a counting sort of the postings by term; the build's scratch
 *   buffers are reused from one region to the next.
 * - Ranking (federated.ts): BM25 per field, summed over the fields (title ≫ summary > provider, category
 *   labels > description: config.ts), each field with its own global idf, so a title match clearly outranks
 *   matches elsewhere; per query term the best expansion counts, and an expansion (stem, completion, typo,
 *   compound part) weighs less than the word typed and never gets a higher idf than it (query.ts). A field
 *   written in several languages counts a term as often as its most frequent language does. Document
 *   frequencies are summed over the regions per query term, average lengths are national (stats.ts,
 *   `combineStats`, recomputed when an index is swapped). Query expansion (query.ts) chooses completions and
 *   neighbours over the union of vocabularies with partition-independent rules and caps, so a score never
 *   depends on which region holds a document.
 * - Filters and disjunctive facets (facets.ts) in one pass over the candidates; results by bounded heap
 *   (topk.ts); keyset cursors (cursor.ts).
 */
export { type CursorPosition, decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';
export {
  type SearchHit,
  type SearchInput,
  type SearchOptions,
  type SearchPage,
  searchFederated,
} from './federated.ts';
export { parseQuery } from './query.ts';
export { buildRegionIndex, type RegionIndex } from './region-index.ts';
export { combineStats, type GlobalStats } from './stats.ts';
export { stemArabicLight } from './stem-ar.ts';
export { stemSwedish } from './stem-sv.ts';
export { findPhrases, SYNONYMS, type SynonymGroup } from './synonyms.ts';
export { foldSwedish, normalize, tokenize } from './text.ts';

import type { RegionalIntervention } from '../../../shared/intervention.ts';
import type { SearchHit } from './federated.ts';

/** A hit as the API answers it: the intervention's fields, its region and its score. */
export function toSearchResult(hit: SearchHit): RegionalIntervention & { score: number } {
  return { ...hit.item, regionId: hit.regionId, score: hit.score };
}
