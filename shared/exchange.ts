/**
 * The exchange between municipalities (Delmål 3: "parterna kan byta, köpa och sälja tjänster"): live
 * places and price of an intervention, the marketplace of offers, requests for places and the aggregate
 * statistics. The handlers validate with these schemas, the OpenAPI document is generated from them,
 * and the site uses their types only (zod stays out of browser code). docs/exchange.md has the design.
 */
import { z } from 'zod';
import { InterventionId, IsoDate, MunicipalityCode, PRICE_PERIODS } from './intervention.ts';
import { UI_LANGUAGES } from './languages.ts';
import { RegionId } from './region.ts';
import { REVIEW_STATES } from './review.ts';
import { CATEGORY_CODES } from './taxonomy.ts';

export { PRICE_PERIODS };
export type PricePeriod = (typeof PRICE_PERIODS)[number];

/** Numbers that matter in the exchange, in one place. */
export const EXCHANGE_LIMITS = {
  /** Places older than this are flagged `placesStale` in the marketplace. */
  placesStaleDays: 30,
  maxPlaces: 100_000,
  maxPriceSek: 10_000_000,
  /** Places one request may ask for. */
  maxRequestPlaces: 1_000,
  messageMaxChars: 1_000,
  reasonMaxChars: 500,
  /** Marketplace page size (default and maximum). */
  offersPageDefault: 20,
  offersPageMax: 100,
  requestsPageDefault: 50,
  requestsPageMax: 100,
  /** Places-history entries answered by GET …/places. */
  historyPageMax: 100,
} as const;

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'Contains control characters' });

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

// ── Places ─────────────────────────────────────────────────────────────────────────────────────────

export const PlacesPathSchema = z.object({ regionId: RegionId, id: InterventionId });

/** PATCH …/interventions/{id}/places: any of the four, at least one. `placesAvailable` is absolute. */
export const PlacesPatchSchema = z
  .strictObject({
    open: z.boolean().optional(),
    placesAvailable: z.number().int().nonnegative().max(EXCHANGE_LIMITS.maxPlaces).optional(),
    pricePerParticipantSek: z.number().nonnegative().max(EXCHANGE_LIMITS.maxPriceSek).optional(),
    pricePeriod: z.enum(PRICE_PERIODS).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Give at least one of open, placesAvailable, pricePerParticipantSek, pricePeriod',
  });
export type PlacesPatch = z.output<typeof PlacesPatchSchema>;

/** What the exchange says about an intervention's places now (the live value, not the snapshot's). */
export const PlacesSchema = z.object({
  open: z.boolean(),
  placesAvailable: z.number().int().nonnegative().optional(),
  pricePerParticipantSek: z.number().nonnegative().optional(),
  pricePeriod: z.enum(PRICE_PERIODS).optional(),
  placesUpdatedAt: z.string().optional(),
  /** `catalogue`: as the live catalogue says (never changed through the exchange since the last publish that touched it). */
  source: z.enum(['catalogue', 'exchange']),
  /** Who changed it last through the exchange. */
  updatedBy: z.string().optional(),
  revision: z.number().int().nonnegative(),
});
export type Places = z.output<typeof PlacesSchema>;

export const PLACES_CHANGE_REASONS = ['edit', 'accept', 'refund', 'catalogue'] as const;
export type PlacesChangeReason = (typeof PLACES_CHANGE_REASONS)[number];

export const PlacesHistoryEntrySchema = z.object({
  revision: z.number().int(),
  at: z.string(),
  by: z.string(),
  reason: z.enum(PLACES_CHANGE_REASONS),
  /** Field → [before, after]. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  requestId: z.string().optional(),
});
export type PlacesHistoryEntry = z.output<typeof PlacesHistoryEntrySchema>;

export const PlacesResponseSchema = z.object({
  regionId: RegionId,
  id: InterventionId,
  places: PlacesSchema,
  /** Newest first. */
  history: z.array(PlacesHistoryEntrySchema),
});
export type PlacesResponse = z.output<typeof PlacesResponseSchema>;

// ── Marketplace ────────────────────────────────────────────────────────────────────────────────────

export const OffersQuerySchema = z
  .object({
    q: freeText(200)
      .transform((s) => (s === '' ? undefined : s))
      .optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    /** The buying municipality (one of the caller's regions): "same county" is counted from it. */
    municipality: MunicipalityCode.optional(),
    minPrice: z.coerce.number().nonnegative().max(EXCHANGE_LIMITS.maxPriceSek).optional(),
    maxPrice: z.coerce.number().nonnegative().max(EXCHANGE_LIMITS.maxPriceSek).optional(),
    pricePeriod: z.enum(PRICE_PERIODS).optional(),
    /** Only offers with at least this many free places (default 1: "free places > 0"). */
    minPlaces: z.coerce.number().int().min(1).max(EXCHANGE_LIMITS.maxPlaces).default(1),
    /** `true`: only offers in the buyer's county. */
    sameCounty: booleanParam.optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(EXCHANGE_LIMITS.offersPageMax)
      .default(EXCHANGE_LIMITS.offersPageDefault),
    cursor: z
      .string()
      .regex(/^\d{1,6}$/, 'A cursor is the nextCursor of a previous page')
      .optional(),
    lang: z.enum(UI_LANGUAGES).default('sv'),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    message: 'minPrice is above maxPrice',
    path: ['minPrice'],
  });
export type OffersQuery = z.output<typeof OffersQuerySchema>;

/**
 * Distance in municipalities, coarsest first: 0 = the offer is given in a municipality of the buyer's
 * county, 1 = only elsewhere. (No adjacency data exists in the reference list; see docs/exchange.md.)
 */
export const DISTANCES = ['same-county', 'other-county'] as const;

export const OfferSchema = z.object({
  regionId: RegionId,
  regionName: z.string(),
  id: InterventionId,
  title: z.record(z.string(), z.string()),
  summary: z.record(z.string(), z.string()).optional(),
  category: z.string(),
  municipalities: z.array(z.string()),
  /** Counties of the offer's municipalities. */
  counties: z.array(z.string()),
  provider: z.object({ name: z.string(), type: z.string() }),
  languages: z.array(z.string()),
  delivery: z.string(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  pricePerParticipantSek: z.number().optional(),
  pricePeriod: z.enum(PRICE_PERIODS).optional(),
  placesAvailable: z.number().int(),
  placesUpdatedAt: z.string().nullable(),
  /** The places were last updated more than 30 days ago (or never dated). */
  placesStale: z.boolean(),
  distance: z.enum(DISTANCES),
  /** Text relevance (0 without a text query). */
  score: z.number(),
  reviewState: z.enum(REVIEW_STATES),
  lastReviewedAt: z.string().optional(),
});
export type Offer = z.output<typeof OfferSchema>;

export const OffersResponseSchema = z.object({
  total: z.number().int().nonnegative(),
  offers: z.array(OfferSchema),
  /** The municipality distances were counted from, and its county. */
  buyer: z.object({ municipality: z.string().nullable(), counties: z.array(z.string()) }),
  regions: z.record(
    z.string(),
    z.object({ status: z.enum(['ok', 'stale', 'unavailable']), version: z.number().int().nullable() }),
  ),
  nextCursor: z.string().nullable(),
});
export type OffersResponse = z.output<typeof OffersResponseSchema>;

// ── Requests ───────────────────────────────────────────────────────────────────────────────────────

export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * POST /api/exchange/requests. Strict: no other field is accepted (nothing about participants), and no
 * string may contain a personnummer (refused with 422 `personal-data`, see shared/personnummer.ts).
 */
export const CreateRequestSchema = z.strictObject({
  sellerRegionId: RegionId,
  interventionId: InterventionId,
  /** The buying municipality: one of the caller's regions' municipalities. */
  buyerMunicipality: MunicipalityCode,
  places: z.number().int().min(1).max(EXCHANGE_LIMITS.maxRequestPlaces),
  fromDate: IsoDate,
  message: freeText(EXCHANGE_LIMITS.messageMaxChars).optional(),
});
export type CreateRequest = z.output<typeof CreateRequestSchema>;

export const RequestPathSchema = z.object({ requestId: z.uuid() });
/**
 * The decisions on a request, under the deciding region's admin path
 * (`/api/admin/regions/{regionId}/exchange/requests/{requestId}/accept|decline|withdraw`): accepting and
 * declining are the seller's, withdrawing the buyer's, and `regionId` must be that party.
 */
export const RegionRequestPathSchema = RequestPathSchema.extend({ regionId: RegionId });

export const DeclineSchema = z.strictObject({
  reason: freeText(EXCHANGE_LIMITS.reasonMaxChars).min(1),
});
export const WithdrawSchema = z.strictObject({
  reason: freeText(EXCHANGE_LIMITS.reasonMaxChars).optional(),
});

export const RequestEventSchema = z.object({
  status: z.enum(REQUEST_STATUSES),
  at: z.string(),
  /** The administrator's name (from the token). */
  by: z.string(),
  /** The region the person acted for. */
  regionId: z.string(),
  reason: z.string().optional(),
});
export type RequestEvent = z.output<typeof RequestEventSchema>;

export const ExchangeRequestSchema = z.object({
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  buyerRegionId: RegionId,
  buyerMunicipality: z.string(),
  /** County of the buying municipality (for the statistics). */
  buyerCounty: z.string(),
  sellerRegionId: RegionId,
  /** County of the offer's first municipality (for the statistics). */
  sellerCounty: z.string(),
  interventionId: InterventionId,
  /** The intervention's Swedish title when the request was made. */
  interventionTitle: z.string(),
  category: z.string(),
  places: z.number().int(),
  fromDate: z.string(),
  message: z.string().optional(),
  pricePerParticipantSek: z.number().optional(),
  pricePeriod: z.enum(PRICE_PERIODS).optional(),
  requestedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every status change with who and when, oldest first. */
  history: z.array(RequestEventSchema),
});
export type ExchangeRequest = z.output<typeof ExchangeRequestSchema>;

export const RequestsQuerySchema = z.object({
  direction: z.enum(['incoming', 'outgoing']),
  /** Which of the caller's regions (default: all of them). */
  region: RegionId.optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(EXCHANGE_LIMITS.requestsPageMax)
    .default(EXCHANGE_LIMITS.requestsPageDefault),
});
export type RequestsQuery = z.output<typeof RequestsQuerySchema>;

export const RequestsResponseSchema = z.object({
  direction: z.enum(['incoming', 'outgoing']),
  regions: z.array(z.string()),
  requests: z.array(ExchangeRequestSchema),
});
export type RequestsResponse = z.output<typeof RequestsResponseSchema>;

export const RequestResponseSchema = z.object({
  request: ExchangeRequestSchema,
  /** After an acceptance: the intervention's places now. */
  places: PlacesSchema.optional(),
});
export type RequestResponse = z.output<typeof RequestResponseSchema>;

// ── Statistics (public, aggregate) ─────────────────────────────────────────────────────────────────

export const ExchangeStatsQuerySchema = z.object({
  county: z
    .string()
    .regex(/^\d{2}$/, 'A county code has two digits')
    .optional(),
});

/** A count, or null when it is between 1 and 4 (never shown: LIMITS.minimumReportableCount). */
const Reportable = z.number().int().nonnegative().nullable();

export const ExchangeFiguresSchema = z.object({
  requestedPlaces: Reportable,
  acceptedPlaces: Reportable,
  requests: Reportable,
  acceptedRequests: Reportable,
});
export type ExchangeFigures = z.output<typeof ExchangeFiguresSchema>;

export const CountyExchangeSchema = z.object({
  county: z.string(),
  name: z.string(),
  /** Places municipalities of this county asked for / were given, by top-level category. */
  bought: z.record(z.string(), ExchangeFiguresSchema),
  /** Places asked for from / accepted by sellers in this county (the offer's first municipality), by top-level category. */
  sold: z.record(z.string(), ExchangeFiguresSchema),
});
export type CountyExchange = z.output<typeof CountyExchangeSchema>;

export const ExchangeStatsResponseSchema = z.object({
  generatedAt: z.string(),
  /** Counts from 1 to this minus one are null. */
  minimumReportableCount: z.number().int(),
  counties: z.array(CountyExchangeSchema),
});
export type ExchangeStatsResponse = z.output<typeof ExchangeStatsResponseSchema>;
