/**
 * The coverage API for the county boards: query parameters and answers of `GET /api/coverage`,
 * `GET /api/coverage/demand` and `POST /api/coverage/newcomers`. The handlers validate with these
 * schemas, the OpenAPI document is generated from them, and the site uses their types (types only:
 * zod stays out of browser code).
 *
 * Counting rules (docs/coverage.md has the reasoning):
 * - An intervention counts in a municipality when the municipality is in its `municipalities` and its
 *   delivery is `on-site` or `hybrid`. A `remote` intervention is never counted in a municipality's
 *   numbers: each remote offer is counted once in the scope's `remote` block, and a municipality row's
 *   `remote` column says how many remote offers list it (shown apart, never added to `total`).
 * - Categories are counted by top-level code (`arbete.praktik` counts for `arbete`).
 * - A municipality has a gap in a required category when no on-site or hybrid intervention of that
 *   category is offered there; `remoteOffers` says whether a remote one lists it (it does not close the gap).
 * - A category × language combination is offered nowhere when no intervention in scope (remote ones
 *   included: a newcomer anywhere in the county can take them) has that category and language.
 * - A *stale* intervention — `reviewState(item, now, region's interval) === 'hidden'` (shared/review.ts:
 *   unconfirmed for two review intervals plus the grace, so newcomer search no longer shows it) — is not
 *   offered: it is in none of the numbers above (nor in the gaps), only in a municipality's `stale`
 *   column, `totals.stale` and its region's `staleItems` (which, like `itemCount`, count the catalogue).
 */
import { z } from 'zod';
import { isCountyCode } from './geo.ts';
import { MunicipalityCode } from './intervention.ts';
import { CONTENT_LANGUAGES, UI_LANGUAGES } from './languages.ts';
import { RegionId } from './region.ts';
import { CATEGORY_CODES } from './taxonomy.ts';

export const CountyCode = z.string().refine(isCountyCode, { message: 'Unknown county code' });

/** Languages every gap check considers (the portal's languages and Dari), besides those offered anywhere. */
export const GAP_LANGUAGES = ['sv', 'en', 'ar', 'prs', 'fa', 'so', 'ti', 'uk'] as const;

export const COVERAGE_TABLES = ['municipalities', 'regions', 'gaps'] as const;
export type CoverageTable = (typeof COVERAGE_TABLES)[number];

export const CoverageQuerySchema = z.object({
  /** A county code (`01`); without it every one of the 290 municipalities is in the answer. */
  county: CountyCode.optional(),
  /** Count only this region's interventions. */
  region: RegionId.optional(),
  /** Count only this category (a parent code includes its children). */
  category: z.enum(CATEGORY_CODES).optional(),
  /** Count only interventions delivered in this language. */
  language: z.enum(CONTENT_LANGUAGES).optional(),
  /** `csv`: one table for spreadsheets (semicolon-separated, UTF-8 with BOM, every cell neutralised). */
  format: z.enum(['json', 'csv']).default('json'),
  /** Which table the CSV holds. */
  table: z.enum(COVERAGE_TABLES).default('municipalities'),
  /** Language of the labels (category names) and, for the CSV, of the headers (Swedish or English). */
  lang: z.enum(UI_LANGUAGES).default('sv'),
});
export type CoverageQuery = z.output<typeof CoverageQuerySchema>;

const Counts = z.record(z.string(), z.number().int().nonnegative());
/** A share between 0 and 1; null when there is nothing to divide by. */
const Share = z.number().min(0).max(1).nullable();

export const MunicipalityCoverageSchema = z.object({
  code: z.string(),
  name: z.string(),
  county: z.string(),
  /** On-site and hybrid interventions offered here (remote ones are not in it). */
  total: z.number().int().nonnegative(),
  /** By top-level category: every top-level code in `categories` of the answer, zero included. */
  categories: Counts,
  /** By language of delivery: only languages with at least one intervention. */
  languages: Counts,
  /** Remote offers that list this municipality (not part of `total`). */
  remote: z.number().int().nonnegative(),
  /** Stale (hidden from newcomer search) on-site and hybrid interventions listing it: not part of `total`. */
  stale: z.number().int().nonnegative(),
  /** The newest newcomer figure uploaded for this municipality. */
  newcomers: z.object({ year: z.number().int(), count: z.number().int().nonnegative() }).nullable(),
  /** `total` per 100 newcomers of that year; null without a figure or with zero newcomers. */
  perHundredNewcomers: z.number().nonnegative().nullable(),
});
export type MunicipalityCoverage = z.output<typeof MunicipalityCoverageSchema>;

export const STORE_STATUSES = ['ok', 'stale', 'unavailable'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export const RegionCoverageSchema = z.object({
  id: z.string(),
  name: z.string(),
  county: z.array(z.string()),
  /** ok: the live version was read; stale: the store failed, its last loaded version is shown; unavailable: nothing could be read. */
  status: z.enum(STORE_STATUSES),
  version: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  daysSinceLastPublish: z.number().int().nonnegative().nullable(),
  /** Interventions matching the category and language filters. */
  itemCount: z.number().int().nonnegative(),
  remoteCount: z.number().int().nonnegative(),
  /** Confirmed by a person within `reviewIntervalDays` (the quarterly routine). */
  reviewed: z.object({ count: z.number().int().nonnegative(), share: Share }),
  /** The region's own review interval (its review configuration; the default when unread), which `staleItems` uses. */
  reviewIntervalDays: z.number().int().positive(),
  /** Items hidden from newcomer search: unconfirmed for two of the region's intervals plus the grace. */
  staleItems: z.number().int().nonnegative(),
  /** `staleItems` ÷ `itemCount`. */
  staleShare: Share,
  /** Share of items with each recommended field filled. */
  fields: z.object({ summary: Share, contact: Share, dates: Share, translations: Share }),
});
export type RegionCoverage = z.output<typeof RegionCoverageSchema>;

export const CoverageResponseSchema = z.object({
  generatedAt: z.string(),
  scope: z.object({
    county: z.string().nullable(),
    region: z.string().nullable(),
    category: z.string().nullable(),
    language: z.string().nullable(),
  }),
  reviewIntervalDays: z.number().int(),
  /** The top-level categories counted (column order). */
  categories: z.array(z.string()),
  /** Languages with at least one intervention in scope, most offered first. */
  languages: z.array(z.string()),
  /** Distinct interventions in scope: on site (incl. hybrid) and remote; stale ones apart (in neither). */
  totals: z.object({
    interventions: z.number().int().nonnegative(),
    onSite: z.number().int().nonnegative(),
    remote: z.number().int().nonnegative(),
    stale: z.number().int().nonnegative(),
  }),
  /** Remote offers in scope, each counted once. */
  remote: z.object({ total: z.number().int().nonnegative(), categories: Counts, languages: Counts }),
  municipalities: z.array(MunicipalityCoverageSchema),
  regions: z.array(RegionCoverageSchema),
  gaps: z.object({
    requiredCategories: z.array(z.string()),
    municipalities: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        category: z.string(),
        remoteOffers: z.number().int().nonnegative(),
      }),
    ),
    /** Languages the category × language check considered. */
    languages: z.array(z.string()),
    categoryLanguages: z.array(z.object({ category: z.string(), language: z.string() })),
  }),
  /** The newest year of newcomer figures shown in any row; null when none were uploaded. */
  newcomersYear: z.number().int().nullable(),
});
export type CoverageResponse = z.output<typeof CoverageResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Unmet demand

/** Fixed windows only: arbitrary windows would let two answers be subtracted to reveal small counts. */
export const DEMAND_WINDOWS = ['7', '30', '90'] as const;

export const DemandQuerySchema = z.object({
  county: CountyCode.optional(),
  municipality: MunicipalityCode.optional(),
  days: z
    .enum(DEMAND_WINDOWS)
    .default('30')
    .transform((d) => Number(d)),
  /** Rows to answer at most (each list). */
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DemandQuery = z.output<typeof DemandQuerySchema>;

export const RESULT_BUCKETS = ['0', '1-2', '3-10', '11+'] as const;
export type ResultBucket = (typeof RESULT_BUCKETS)[number];

export const DemandResponseSchema = z.object({
  scope: z.object({ county: z.string().nullable(), municipality: z.string().nullable() }),
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  /** Counts below this are never shown (nor any number they could be derived from). */
  minimumReportableCount: z.number().int(),
  /** The most frequent searches that found nothing or almost nothing (0–2 results). */
  unmet: z.array(
    z.object({
      /** Normalised query terms, sorted; empty when the search was filters only; `['*']` a longer text whose words were not kept. */
      terms: z.array(z.string()),
      /** Filters used (category, language, audience, delivery, region, free, openToOtherMunicipalities). */
      filters: z.record(z.string(), z.string()),
      count: z.number().int(),
    }),
  ),
  /** Language filters most used, in all searches of the scope. */
  languages: z.array(z.object({ language: z.string(), count: z.number().int() })),
  /** How many rows were withheld because their count was below the minimum. */
  suppressedRows: z.number().int().nonnegative(),
});
export type DemandResponse = z.output<typeof DemandResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Newcomer figures

export const UploadProblemSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
  messages: z.object({ sv: z.string(), en: z.string() }),
  value: z.string().optional(),
  suggestion: z.string().optional(),
});

export const NewcomersUploadResponseSchema = z.object({
  status: z.enum(['stored', 'rejected']),
  counts: z.object({
    rows: z.number().int().nonnegative(),
    valid: z.number().int().nonnegative(),
    invalid: z.number().int().nonnegative(),
  }),
  years: z.array(z.number().int()),
  municipalities: z.number().int().nonnegative(),
  errors: z.array(UploadProblemSchema),
  warnings: z.array(UploadProblemSchema),
  uploadedAt: z.string().nullable(),
  uploadedBy: z.string().nullable(),
});
export type NewcomersUploadResponse = z.output<typeof NewcomersUploadResponseSchema>;
