/**
 * The HTTP API's request and response shapes (zod), shared by the handlers, the site and the
 * generated OpenAPI document.
 */
import { z } from 'zod';
import { InterventionId, InterventionSchema } from './intervention.ts';
import { LIMITS } from './limits.ts';
import { RegionId, RegionSummarySchema } from './region.ts';

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messages: z.object({ sv: z.string(), en: z.string() }),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.output<typeof ErrorResponseSchema>;

export const RegionPathSchema = z.object({ regionId: RegionId });
export const InterventionPathSchema = z.object({ regionId: RegionId, id: InterventionId });

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().max(300).optional(),
});

export const RegionsResponseSchema = z.object({ regions: z.array(RegionSummarySchema) });
export type RegionsResponse = z.output<typeof RegionsResponseSchema>;

export const InterventionPageSchema = z.object({
  regionId: RegionId,
  version: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  total: z.number().int().nullable(),
  items: z.array(InterventionSchema),
  nextCursor: z.string().nullable(),
});
export type InterventionPage = z.output<typeof InterventionPageSchema>;

export const InterventionResponseSchema = z.object({
  regionId: RegionId,
  version: z.number().int(),
  item: InterventionSchema,
});
export type InterventionResponse = z.output<typeof InterventionResponseSchema>;
