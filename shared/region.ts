/**
 * A region: one intermunicipal collaboration with its own catalogue store.
 * The registry (config/regions.json) lists them; adding a region is configuration, not code.
 */
import { z } from 'zod';
import { isCountyCode } from './geo.ts';
import { MunicipalityCode } from './intervention.ts';

export const RegionId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'A region id is a lowercase ASCII slug such as "sodertorn"');

export const RegionConfigSchema = z.strictObject({
  id: RegionId,
  name: z.string().min(1).max(120),
  county: z.array(z.string().refine(isCountyCode, 'Unknown county code')).min(1),
  municipalities: z.array(MunicipalityCode).min(1),
  /** Municipalities outside the region it offers interventions in jointly (a warning, not an error, on upload). */
  jointMunicipalities: z.array(MunicipalityCode).default([]),
  /** The DynamoDB table of the region's store. */
  tableName: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/),
  /** The AWS region of the store (production: possibly another account). */
  storeRegion: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
    .optional(),
  /** Another endpoint for the store (local development and fault tests; in AWS the region's endpoint). */
  storeEndpoint: z.url({ protocol: /^https?$/ }).optional(),
  contact: z
    .strictObject({ name: z.string().optional(), email: z.email().optional(), url: z.url().optional() })
    .optional(),
});
export type RegionConfig = z.output<typeof RegionConfigSchema>;

export const RegistrySchema = z.strictObject({
  regions: z.array(RegionConfigSchema).min(1),
});

export const PublishedCatalogueSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime(),
  itemCount: z.number().int().nonnegative(),
});
export type PublishedCatalogue = z.output<typeof PublishedCatalogueSchema>;

export const RegionSummarySchema = z.object({
  id: RegionId,
  name: z.string(),
  county: z.array(z.string()),
  municipalities: z.array(z.string()),
  catalogue: PublishedCatalogueSchema.nullable(),
  /**
   * The region's review interval in days (30–180, default 90; docs/review.md): with it the portal tells
   * when an item is overdue ("not confirmed since …") or hidden from newcomers (`shared/review.ts`).
   */
  reviewIntervalDays: z.number().int().positive(),
});
export type RegionSummary = z.output<typeof RegionSummarySchema>;
