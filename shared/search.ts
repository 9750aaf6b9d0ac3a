/**
 * The national search: the query parameters of `GET /api/search` and the shape of its answer.
 * The handler validates with `SearchQuerySchema` (a zod error → 400), the engine
 * (functions/search/engine) ranks, the site renders `SearchResponse`.
 */
import { z } from 'zod';
import { InterventionSchema, MunicipalityCode } from './intervention.ts';
import { CONTENT_LANGUAGES, UI_LANGUAGES } from './languages.ts';
import { LIMITS } from './limits.ts';
import { RegionId } from './region.ts';
import { REVIEW_STATES } from './review.ts';
import { AUDIENCE_CODES, CATEGORY_CODES, DELIVERY_CODES } from './taxonomy.ts';

/** Control characters (C0, DEL, C1) are refused in a query: nobody types them. */
const QUERY_CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const SearchQuerySchema = z.object({
  /** Free text; empty means "everything matching the filters, freshest first". */
  q: z
    .string()
    .trim()
    .max(LIMITS.queryMaxChars)
    .refine((s) => !QUERY_CONTROL_CHARS.test(s), { message: 'Contains control characters' })
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
  region: RegionId.optional(),
  municipality: MunicipalityCode.optional(),
  /** A taxonomy code; a parent code includes its children. */
  category: z.enum(CATEGORY_CODES).optional(),
  /** A language the intervention is delivered or supported in. */
  language: z.enum(CONTENT_LANGUAGES).optional(),
  audience: z.enum(AUDIENCE_CODES).optional(),
  delivery: z.enum(DELIVERY_CODES).optional(),
  /** `true`: only free interventions; `false`: only those with a cost. */
  free: booleanParam.optional(),
  /** `true`: only interventions open to participants from other municipalities. */
  openToOtherMunicipalities: booleanParam.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  /** The `nextCursor` of the previous page, unchanged. */
  cursor: z
    .string()
    .max(8_192)
    .regex(/^[A-Za-z0-9_-]+$/, 'A cursor is the nextCursor of a previous page')
    .optional(),
  /** UI language for labels. */
  lang: z.enum(UI_LANGUAGES).default('sv'),
});

export type SearchQuery = z.output<typeof SearchQuerySchema>;
export type SearchQueryParams = z.input<typeof SearchQuerySchema>;

const Counts = z.record(z.string(), z.number().int().nonnegative());

/**
 * Facet counts. Each reflects the text query and every active filter except its own field's (so a count is
 * what selecting that value would give). `category` holds each code's own count and each parent rolled up.
 */
export const SearchFacetsSchema = z.object({
  category: Counts,
  language: Counts,
  municipality: Counts,
  region: Counts,
  audience: Counts,
  delivery: Counts,
});
export type SearchFacets = z.output<typeof SearchFacetsSchema>;

export const REGION_STATUSES = ['ok', 'stale', 'unavailable'] as const;
export type RegionStatus = (typeof REGION_STATUSES)[number];

export const SearchResultSchema = InterventionSchema.safeExtend({
  regionId: RegionId,
  /** Relevance (BM25F over the national corpus) for a text query; 0 for an empty query. */
  score: z.number(),
  /**
   * The review state at answer time with the region's interval (shared/review.ts): the portal notes an
   * `overdue` item as "not confirmed since …". Never `hidden` in practice: search leaves those out.
   */
  reviewState: z.enum(REVIEW_STATES),
});
export type SearchResult = z.output<typeof SearchResultSchema>;

export const SearchResponseSchema = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(SearchResultSchema),
  facets: SearchFacetsSchema,
  regions: z.record(
    z.string(),
    z.object({ status: z.enum(REGION_STATUSES), version: z.number().int().nullable() }),
  ),
  nextCursor: z.string().nullable(),
});
export type SearchResponse = z.output<typeof SearchResponseSchema>;
