/**
 * The search engine: pure TypeScript, no I/O. Build one `RegionIndex` per region from its live catalogue
 * version, then `searchFederated(indexes, query)`; rankings equal those of one merged national index.
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
