/**
 * The domain's abbreviations and what they stand for. Documents get the abbreviation added wherever the
 * phrase occurs (in any inflection: phrases are compared by folded stems), so a query for the abbreviation
 * finds both. A query containing the phrase is searched as the abbreviation (multi-word phrases) or as the
 * word plus the abbreviation (one-word phrases).
 */
import { stemSwedish } from './stem-sv.ts';
import { foldSwedish, isSwedishLetters, tokenize } from './text.ts';

export interface SynonymGroup {
  /** Lower case, as indexed. */
  abbreviation: string;
  /** What it stands for, as written in Swedish. */
  phrases: readonly string[];
}

export const SYNONYMS: readonly SynonymGroup[] = [
  { abbreviation: 'sfi', phrases: ['svenska för invandrare'] },
  { abbreviation: 'so', phrases: ['samhällsorientering'] },
  { abbreviation: 'af', phrases: ['Arbetsförmedlingen'] },
  { abbreviation: 'syv', phrases: ['studie- och yrkesvägledning', 'studie- och yrkesvägledare'] },
  { abbreviation: 'amu', phrases: ['arbetsmarknadsutbildning'] },
  { abbreviation: 'komvux', phrases: ['kommunal vuxenutbildning'] },
  { abbreviation: 'yh', phrases: ['yrkeshögskola'] },
  { abbreviation: 'sas', phrases: ['svenska som andraspråk'] },
];

/** The key two tokens are compared by when matching phrases: folded stem. */
export function phraseKey(token: string): string {
  return foldSwedish(isSwedishLetters(token) ? stemSwedish(token) : token);
}

export interface PhraseRule {
  abbreviation: string;
  keys: readonly string[];
}

/** Rules by their first key, longest phrase first. */
const RULES = new Map<string, PhraseRule[]>();
for (const group of SYNONYMS) {
  for (const phrase of group.phrases) {
    const keys = tokenize(phrase).map(phraseKey);
    if (keys.length === 0) continue;
    const list = RULES.get(keys[0]!) ?? [];
    list.push({ abbreviation: group.abbreviation, keys });
    list.sort((a, b) => b.keys.length - a.keys.length);
    RULES.set(keys[0]!, list);
  }
}

export interface PhraseMatch {
  start: number;
  length: number;
  abbreviation: string;
}

/** Phrases found in a sequence of token keys (non-overlapping, left to right, longest first). */
export function findPhrases(keys: readonly string[]): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (let i = 0; i < keys.length; i++) {
    const rules = RULES.get(keys[i]!);
    if (!rules) continue;
    for (const rule of rules) {
      if (i + rule.keys.length > keys.length) continue;
      let ok = true;
      for (let j = 1; j < rule.keys.length; j++) {
        if (keys[i + j] !== rule.keys[j]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        found.push({ start: i, length: rule.keys.length, abbreviation: rule.abbreviation });
        i += rule.keys.length - 1;
        break;
      }
    }
  }
  return found;
}

/** The rules a first key can start (longest phrase first), or undefined: most tokens start none. */
export function phraseRules(key: string): readonly PhraseRule[] | undefined {
  return RULES.get(key);
}
