/**
 * The fixed mixed query set of the benchmark (deterministic, ≥ 500 queries): free text, common words,
 * typos, filters only, filters + text, non-Swedish, and known-item queries whose relevant answers are
 * known (every item whose title contains all the query's words), for a ranking-quality comparison.
 */
import { MUNICIPALITIES } from '../shared/geo.ts';
import type { Intervention } from '../shared/intervention.ts';
import type { RegionConfig } from '../shared/region.ts';
import type { SearchQueryParams } from '../shared/search.ts';
import { AUDIENCE_CODES, CATEGORIES } from '../shared/taxonomy.ts';
import { prng } from './corpus.ts';

export type QueryKind =
  | 'text'
  | 'common'
  | 'typo'
  | 'filters'
  | 'filters+text'
  | 'non-swedish'
  | 'known-item';

export interface BenchQuery {
  kind: QueryKind;
  params: SearchQueryParams;
  /** For known-item queries: ids that are relevant (their title holds every query word). */
  relevant?: string[];
}

const TEXT = [
  'sfi',
  'svenska',
  'praktik',
  'samhällsorientering',
  'validering',
  'vägledning',
  'hälsa',
  'boende',
  'föräldrar',
  'kvinnor',
  'akademiker',
  'kvällstid',
  'distans',
  'folkhögskola',
  'komvux',
  'yrkesutbildning',
  'nystartsjobb',
  'meritportfölj',
  'arbetsmarknadsutbildning',
  'språkstöd',
  'trauma',
  'rådgivning',
  'körkort',
  'praktikplatser',
  'svenska för invandrare',
  'sfi kväll',
  'praktik vård',
  'so',
  'af',
  'bygg',
  'transport',
];
const COMMON = ['och', 'för', 'i', 'kurs', 'stöd', 'svenska', 'arbete', 'nyanlända', 'kommun', 'utbildning'];
const TYPOS = [
  'samhallsorientering',
  'samhällsorienterng',
  'praktk',
  'valdering',
  'folkhögskla',
  'yrkesutbilning',
  'meritportfölg',
  'vägledninng',
  'arbetsmarknadsutbilding',
  'nystartsjob',
  'halsa',
  'boennde',
  'foraldrar',
];
const NON_SWEDISH = [
  'work placement',
  'Swedish for immigrants',
  'civic orientation',
  'housing',
  'health',
  'التدريب العملي',
  'السكن',
  'الصحة',
  'اللغة السويدية للمهاجرين',
  'التوجيه المجتمعي',
];

export function benchQueries(
  corpus: { region: RegionConfig; items: Intervention[] }[],
  count = 600,
): BenchQuery[] {
  const rand = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const municipalityCodes = corpus.flatMap((c) => c.region.municipalities);
  const allItems = corpus.flatMap((c) => c.items);
  const queries: BenchQuery[] = [];
  const filter = (): Partial<SearchQueryParams> => {
    const f: Partial<SearchQueryParams> = {};
    const r = rand();
    if (r < 0.4) f.municipality = pick(municipalityCodes);
    else if (r < 0.6) f.category = pick(CATEGORIES).code;
    else if (r < 0.75) f.language = pick(['ar', 'prs', 'so', 'ti', 'uk', 'en'] as const);
    else if (r < 0.85) f.audience = pick(AUDIENCE_CODES) as SearchQueryParams['audience'];
    else if (r < 0.93) f.free = 'true';
    else f.region = pick(corpus).region.id;
    return f;
  };
  while (queries.length < count) {
    const r = rand();
    if (r < 0.2) queries.push({ kind: 'text', params: { q: pick(TEXT) } });
    else if (r < 0.3) queries.push({ kind: 'common', params: { q: pick(COMMON) } });
    else if (r < 0.42) queries.push({ kind: 'typo', params: { q: pick(TYPOS) } });
    else if (r < 0.57)
      queries.push({ kind: 'filters', params: { ...filter(), ...(rand() < 0.5 ? filter() : {}) } });
    else if (r < 0.72) queries.push({ kind: 'filters+text', params: { q: pick(TEXT), ...filter() } });
    else if (r < 0.8) queries.push({ kind: 'non-swedish', params: { q: pick(NON_SWEDISH) } });
    else {
      // Known item: two or three words of a real title, typed as a newcomer might.
      const target = pick(allItems);
      const words = target.title.sv
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.length > 2 && w !== 'för');
      const chosen = [...new Set([pick(words), pick(words), pick(words)])];
      const relevant = allItems
        .filter((item) => {
          const title = item.title.sv.toLowerCase().split(/\s+/);
          return chosen.every((w) => title.includes(w));
        })
        .map((item) => item.id);
      queries.push({ kind: 'known-item', params: { q: chosen.join(' ') }, relevant });
    }
  }
  return queries;
}

export const municipalityName = (code: string) => MUNICIPALITIES.find((m) => m.code === code)?.name ?? code;
