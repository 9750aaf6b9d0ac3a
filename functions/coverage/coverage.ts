/**
 * The coverage matrix: plain functions over plain data, no I/O. The handler gives it each region's live
 * items (from the warm snapshot cache), the newest newcomer figures and the clock; it answers what
 * `GET /api/coverage` returns. The counting rules are written down in shared/coverage.ts and
 * docs/coverage.md.
 */
import type {
  CoverageResponse,
  MunicipalityCoverage,
  RegionCoverage,
  StoreStatus,
} from '../../shared/coverage.ts';
import { GAP_LANGUAGES } from '../../shared/coverage.ts';
import { getMunicipality, MUNICIPALITIES, type Municipality } from '../../shared/geo.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { reviewState } from '../../shared/review.ts';
import {
  categoryMatches,
  REQUIRED_CATEGORIES,
  TOP_LEVEL_CATEGORIES,
  topLevelCategory,
} from '../../shared/taxonomy.ts';

export interface RegionSnapshot {
  region: RegionConfig;
  status: StoreStatus;
  /** The version the items are from; null when the region has published nothing (or was never read). */
  pointer: { version: number; publishedAt: string } | null;
  items: readonly Intervention[];
}

export interface CoverageFilters {
  county?: string;
  region?: string;
  category?: string;
  language?: string;
}

export interface NewcomerFigure {
  year: number;
  count: number;
}

export interface CoverageInput {
  snapshots: readonly RegionSnapshot[];
  filters?: CoverageFilters;
  /** The newest newcomer figure per municipality code. */
  newcomers?: ReadonlyMap<string, NewcomerFigure>;
  /** Each region's review interval in days (its review configuration); LIMITS.reviewIntervalDays when absent. */
  reviewIntervals?: ReadonlyMap<string, number>;
  now: Date;
}

const DAY_MS = 86_400_000;

export const isRemote = (item: Intervention): boolean => item.delivery === 'remote';

/** Recommended fields, as the region comparison counts them. */
export const FIELD_CHECKS = {
  summary: (item: Intervention) => Boolean(item.summary?.sv?.trim()),
  contact: (item: Intervention) => Boolean(item.contact?.email || item.contact?.phone || item.contact?.url),
  dates: (item: Intervention) => Boolean(item.startDate || item.endDate),
  translations: (item: Intervention) => Object.keys(item.title).some((lang) => lang !== 'sv'),
} as const;

/** Confirmed by a person within the review interval (90 days) before `now`. */
export function reviewedWithin(item: Intervention, now: Date, days = LIMITS.reviewIntervalDays): boolean {
  if (!item.lastReviewedAt) return false;
  const at = Date.parse(item.lastReviewedAt);
  if (Number.isNaN(at)) return false;
  return now.getTime() - at <= days * DAY_MS;
}

/**
 * Stale: hidden from newcomer search because nobody confirmed it for two of the region's review intervals
 * plus the grace (`reviewState` … `hidden`, the very rule search hides by). Never-confirmed items are
 * `due`, not stale.
 */
export const isStale = (item: Intervention, now: Date, intervalDays: number): boolean =>
  reviewState(item, now, intervalDays) === 'hidden';

function matchesFilters(item: Intervention, filters: CoverageFilters): boolean {
  if (filters.category && !categoryMatches(item.category, filters.category)) return false;
  if (filters.language && !item.languages.includes(filters.language as Intervention['languages'][number]))
    return false;
  return true;
}

const share = (count: number, of: number): number | null =>
  of === 0 ? null : Math.round((count / of) * 1000) / 1000;

const increment = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** The top-level categories the answer has columns for (one when a category filter is given). */
export function categoriesInScope(filters: CoverageFilters): string[] {
  if (filters.category) return [topLevelCategory(filters.category)];
  return TOP_LEVEL_CATEGORIES.map((c) => c.code);
}

/** The municipalities in scope: the county's, or all 290. */
export function municipalitiesInScope(filters: CoverageFilters): Municipality[] {
  return filters.county ? MUNICIPALITIES.filter((m) => m.county === filters.county) : [...MUNICIPALITIES];
}

export function regionInScope(region: RegionConfig, filters: CoverageFilters): boolean {
  if (filters.region) return region.id === filters.region;
  if (filters.county) return region.county.includes(filters.county);
  return true;
}

export function regionCoverage(
  snapshot: RegionSnapshot,
  filters: CoverageFilters,
  now: Date,
  intervalDays: number = LIMITS.reviewIntervalDays,
): RegionCoverage {
  const items = snapshot.items.filter((item) => matchesFilters(item, filters));
  let reviewed = 0;
  let remote = 0;
  let stale = 0;
  const filled = { summary: 0, contact: 0, dates: 0, translations: 0 };
  for (const item of items) {
    if (reviewedWithin(item, now)) reviewed++;
    if (isRemote(item)) remote++;
    if (isStale(item, now, intervalDays)) stale++;
    for (const key of Object.keys(filled) as (keyof typeof filled)[]) {
      if (FIELD_CHECKS[key](item)) filled[key]++;
    }
  }
  const publishedAt = snapshot.pointer?.publishedAt ?? null;
  const published = publishedAt ? Date.parse(publishedAt) : Number.NaN;
  return {
    id: snapshot.region.id,
    name: snapshot.region.name,
    county: [...snapshot.region.county],
    status: snapshot.status,
    version: snapshot.pointer?.version ?? null,
    publishedAt,
    daysSinceLastPublish: Number.isNaN(published)
      ? null
      : Math.max(0, Math.floor((now.getTime() - published) / DAY_MS)),
    itemCount: items.length,
    remoteCount: remote,
    reviewed: { count: reviewed, share: share(reviewed, items.length) },
    reviewIntervalDays: intervalDays,
    staleItems: stale,
    staleShare: share(stale, items.length),
    fields: {
      summary: share(filled.summary, items.length),
      contact: share(filled.contact, items.length),
      dates: share(filled.dates, items.length),
      translations: share(filled.translations, items.length),
    },
  };
}

/** Compute the whole coverage answer. */
export function computeCoverage(input: CoverageInput): CoverageResponse {
  const filters = input.filters ?? {};
  const { now } = input;
  const intervalOf = (regionId: string) => input.reviewIntervals?.get(regionId) ?? LIMITS.reviewIntervalDays;
  const categories = categoriesInScope(filters);
  const scope = municipalitiesInScope(filters);
  const inScope = new Set(scope.map((m) => m.code));

  const rows = new Map<string, MunicipalityCoverage>();
  for (const m of scope) {
    rows.set(m.code, {
      code: m.code,
      name: m.name,
      county: m.county,
      total: 0,
      categories: Object.fromEntries(categories.map((c) => [c, 0])),
      languages: {},
      remote: 0,
      stale: 0,
      newcomers: null,
      perHundredNewcomers: null,
    });
  }

  const remote = {
    total: 0,
    categories: {} as Record<string, number>,
    languages: {} as Record<string, number>,
  };
  let onSite = 0;
  let stale = 0;
  const languageTotals: Record<string, number> = {};
  /** Top-level category → languages offered in scope (remote included). */
  const offered = new Map<string, Set<string>>();
  /** Remote offers per municipality and required category, for the gap list. */
  const remoteRequired = new Map<string, number>();
  const nationalLanguages = new Set<string>();

  for (const snapshot of input.snapshots) {
    for (const item of snapshot.items) for (const lang of item.languages) nationalLanguages.add(lang);
    if (filters.region && snapshot.region.id !== filters.region) continue;
    const intervalDays = intervalOf(snapshot.region.id);
    for (const item of snapshot.items) {
      if (!matchesFilters(item, filters)) continue;
      const here = item.municipalities.filter((code) => inScope.has(code));
      if (here.length === 0) continue;
      // A stale item is no offer (newcomer search hides it): counted apart, in nothing else.
      if (isStale(item, now, intervalDays)) {
        stale++;
        if (!isRemote(item)) for (const code of here) rows.get(code)!.stale++;
        continue;
      }
      const top = topLevelCategory(item.category);
      let languagesOffered = offered.get(top);
      if (!languagesOffered) {
        languagesOffered = new Set();
        offered.set(top, languagesOffered);
      }
      for (const lang of item.languages) {
        languagesOffered.add(lang);
        increment(languageTotals, lang);
      }
      if (isRemote(item)) {
        remote.total++;
        increment(remote.categories, top);
        for (const lang of item.languages) increment(remote.languages, lang);
        for (const code of here) {
          rows.get(code)!.remote++;
          if ((REQUIRED_CATEGORIES as readonly string[]).includes(top))
            remoteRequired.set(`${code}|${top}`, (remoteRequired.get(`${code}|${top}`) ?? 0) + 1);
        }
        continue;
      }
      onSite++;
      for (const code of here) {
        const row = rows.get(code)!;
        row.total++;
        increment(row.categories, top);
        for (const lang of item.languages) increment(row.languages, lang);
      }
    }
  }

  let newcomersYear: number | null = null;
  for (const row of rows.values()) {
    const figure = input.newcomers?.get(row.code);
    if (!figure) continue;
    row.newcomers = { year: figure.year, count: figure.count };
    row.perHundredNewcomers = figure.count > 0 ? Math.round((row.total / figure.count) * 1000) / 10 : null;
    newcomersYear = Math.max(newcomersYear ?? figure.year, figure.year);
  }

  // Gaps: required categories per municipality (on site), and category × language nowhere in scope.
  const required = (REQUIRED_CATEGORIES as readonly string[]).filter((c) => categories.includes(c));
  const municipalityGaps: CoverageResponse['gaps']['municipalities'] = [];
  for (const row of rows.values()) {
    for (const category of required) {
      if ((row.categories[category] ?? 0) === 0) {
        municipalityGaps.push({
          code: row.code,
          name: row.name,
          category,
          remoteOffers: remoteRequired.get(`${row.code}|${category}`) ?? 0,
        });
      }
    }
  }
  const gapLanguages = filters.language
    ? [filters.language]
    : [...new Set<string>([...GAP_LANGUAGES, ...[...nationalLanguages].sort()])];
  const categoryLanguages: CoverageResponse['gaps']['categoryLanguages'] = [];
  for (const category of categories) {
    const have = offered.get(category);
    for (const language of gapLanguages) {
      if (!have?.has(language)) categoryLanguages.push({ category, language });
    }
  }

  const regions = input.snapshots
    .filter((s) => regionInScope(s.region, filters))
    .map((s) => regionCoverage(s, filters, now, intervalOf(s.region.id)));

  return {
    generatedAt: now.toISOString(),
    scope: {
      county: filters.county ?? null,
      region: filters.region ?? null,
      category: filters.category ?? null,
      language: filters.language ?? null,
    },
    reviewIntervalDays: LIMITS.reviewIntervalDays,
    categories,
    languages: Object.entries(languageTotals)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([lang]) => lang),
    totals: { interventions: onSite + remote.total, onSite, remote: remote.total, stale },
    remote,
    municipalities: [...rows.values()],
    regions,
    gaps: {
      requiredCategories: required,
      municipalities: municipalityGaps,
      languages: gapLanguages,
      categoryLanguages,
    },
    newcomersYear,
  };
}

/** A municipality's display name ("0126" → "Huddinge"), for callers that have only codes. */
export const municipalityLabel = (code: string): string => getMunicipality(code)?.name ?? code;
