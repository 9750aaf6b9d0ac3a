/**
 * The review routine's HTTP shapes (zod): the region's owners configuration and the due list.
 * The pure rule (current / due / overdue / hidden) lives in shared/review.ts, free of zod for the site.
 */
import { z } from 'zod';
import { MunicipalityCode } from './intervention.ts';
import { LIMITS } from './limits.ts';
import { REVIEW_INTERVAL_MAX_DAYS, REVIEW_INTERVAL_MIN_DAYS, REVIEW_STATES } from './review.ts';
import { CATEGORY_CODES } from './taxonomy.ts';

const CONTROL_CHARS = /[\u0000-\u001F\u007F]/;

/**
 * One owner: a named person who confirms a share of the region's catalogue. The share is the items
 * offered in any of `municipalities` (none listed: any) AND of any of `categories` (a parent code
 * includes its children; none listed: any). An owner with neither list is the region's coordinator:
 * they get the items no other owner's share covers.
 */
export const ReviewOwnerSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'Contains control characters' }),
  email: z.email().max(254),
  municipalities: z.array(MunicipalityCode).max(300).default([]),
  categories: z.array(z.enum(CATEGORY_CODES)).max(50).default([]),
});
export type ReviewOwner = z.output<typeof ReviewOwnerSchema>;

/** PUT …/review/owners (the whole configuration; GET answers the same shape plus who saved it). */
export const ReviewConfigBodySchema = z.strictObject({
  reviewIntervalDays: z
    .number()
    .int()
    .min(REVIEW_INTERVAL_MIN_DAYS)
    .max(REVIEW_INTERVAL_MAX_DAYS)
    .default(LIMITS.reviewIntervalDays),
  owners: z.array(ReviewOwnerSchema).max(200),
  /** The revision the editor started from; a save over a newer one is refused (409). */
  revision: z.number().int().nonnegative().optional(),
});
export type ReviewConfigBody = z.output<typeof ReviewConfigBodySchema>;

export const ReviewConfigSchema = z.object({
  regionId: z.string(),
  reviewIntervalDays: z.number().int(),
  overdueGraceDays: z.number().int(),
  owners: z.array(ReviewOwnerSchema),
  revision: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ReviewConfig = z.output<typeof ReviewConfigSchema>;

export const DueQuerySchema = z.object({
  /** Only items in this state (default: due, overdue and hidden). */
  state: z.enum(['due', 'overdue', 'hidden']).optional(),
  /** Only items of this owner (e-mail). */
  owner: z.email().optional(),
  municipality: MunicipalityCode.optional(),
});

export const OwnerRefSchema = z.object({ name: z.string(), email: z.string() });

export const DueItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  municipalities: z.array(z.string()),
  lastReviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  state: z.enum(REVIEW_STATES),
  /** When it became (or becomes) due, overdue, hidden; null when never confirmed. */
  dueAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  hiddenAt: z.string().nullable(),
  /** The owners whose share it is (empty: nobody's — name a coordinator). */
  owners: z.array(OwnerRefSchema),
});
export type DueItem = z.output<typeof DueItemSchema>;

export const DueResponseSchema = z.object({
  regionId: z.string(),
  now: z.string(),
  reviewIntervalDays: z.number().int(),
  overdueGraceDays: z.number().int(),
  version: z.number().int().nullable(),
  counts: z.object({
    total: z.number().int(),
    current: z.number().int(),
    due: z.number().int(),
    overdue: z.number().int(),
    hidden: z.number().int(),
    unassigned: z.number().int(),
  }),
  items: z.array(DueItemSchema),
});
export type DueResponse = z.output<typeof DueResponseSchema>;
