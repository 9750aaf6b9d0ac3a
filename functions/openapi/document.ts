/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the same zod schemas the handlers use.
 * Each operation names its schemas once here; the paths come from the route table.
 */
import { z } from 'zod';
import {
  ErrorResponseSchema,
  InterventionPageSchema,
  InterventionPathSchema,
  InterventionResponseSchema,
  PageQuerySchema,
  RegionPathSchema,
  RegionsResponseSchema,
} from '../../shared/api.ts';
import {
  CoverageQuerySchema,
  CoverageResponseSchema,
  DemandQuerySchema,
  DemandResponseSchema,
  NewcomersUploadResponseSchema,
} from '../../shared/coverage.ts';
import {
  CreateRequestSchema,
  DeclineSchema,
  ExchangeStatsQuerySchema,
  ExchangeStatsResponseSchema,
  OffersQuerySchema,
  OffersResponseSchema,
  PlacesPatchSchema,
  PlacesResponseSchema,
  RegionRequestPathSchema,
  RequestPathSchema,
  RequestResponseSchema,
  RequestsQuerySchema,
  RequestsResponseSchema,
  WithdrawSchema,
} from '../../shared/exchange.ts';
import {
  DueQuerySchema,
  DueResponseSchema,
  ReviewConfigBodySchema,
  ReviewConfigSchema,
} from '../../shared/review-api.ts';
import { ROUTES } from '../routes.ts';

export interface OperationSpec {
  summary: string;
  tags: string[];
  path?: z.ZodObject;
  query?: z.ZodObject;
  body?: { contentTypes: string[]; schema?: z.ZodType };
  response: z.ZodType | { contentType: string };
}

/** Operations by route name. Routes without a spec are listed with a generic JSON response. */
export const OPERATIONS: Record<string, OperationSpec> = {
  ListRegions: {
    summary: 'Every region and its published catalogue',
    tags: ['regions'],
    response: RegionsResponseSchema,
  },
  ListInterventions: {
    summary: "A region's published catalogue, paged",
    tags: ['regions'],
    path: RegionPathSchema,
    query: PageQuerySchema,
    response: InterventionPageSchema,
  },
  GetIntervention: {
    summary: 'One intervention of the live catalogue',
    tags: ['regions'],
    path: InterventionPathSchema,
    response: InterventionResponseSchema,
  },
  GetOpenApi: { summary: 'This document', tags: ['meta'], response: { contentType: 'application/json' } },
  GetCoverage: {
    summary: 'Coverage per municipality and region (format=csv for spreadsheets)',
    tags: ['coverage'],
    query: CoverageQuerySchema,
    response: CoverageResponseSchema,
  },
  GetDemand: {
    summary: 'Searches that found nothing or almost nothing; counts below 5 withheld',
    tags: ['coverage'],
    query: DemandQuerySchema,
    response: DemandResponseSchema,
  },
  UploadNewcomers: {
    summary: 'County boards: newcomers per municipality and year (CSV kommun;år;antal)',
    tags: ['coverage'],
    body: { contentTypes: ['text/csv'] },
    response: NewcomersUploadResponseSchema,
  },
  GetPlaces: {
    summary: "An intervention's live places and price for other municipalities, with the change history",
    tags: ['exchange'],
    path: InterventionPathSchema,
    response: PlacesResponseSchema,
  },
  PatchPlaces: {
    summary: 'Change open / free places / price / period without an upload (recorded with who and when)',
    tags: ['exchange'],
    path: InterventionPathSchema,
    body: { contentTypes: ['application/json'], schema: PlacesPatchSchema },
    response: PlacesResponseSchema,
  },
  ListOffers: {
    summary: 'The marketplace: interventions other regions sell, same county first',
    tags: ['exchange'],
    query: OffersQuerySchema,
    response: OffersResponseSchema,
  },
  CreateExchangeRequest: {
    summary: 'Ask another region for places (no personal data: a personnummer is refused with 422)',
    tags: ['exchange'],
    body: { contentTypes: ['application/json'], schema: CreateRequestSchema },
    response: RequestResponseSchema,
  },
  ListExchangeRequests: {
    summary: "Requests the caller's regions received (incoming) or sent (outgoing), with their history",
    tags: ['exchange'],
    query: RequestsQuerySchema,
    response: RequestsResponseSchema,
  },
  GetExchangeRequest: {
    summary: 'One request with its history (buyer and seller only)',
    tags: ['exchange'],
    path: RequestPathSchema,
    response: RequestResponseSchema,
  },
  AcceptExchangeRequest: {
    summary:
      'The seller accepts (regionId: the selling region): the free places go down atomically (409 when too few are left)',
    tags: ['exchange'],
    path: RegionRequestPathSchema,
    response: RequestResponseSchema,
  },
  DeclineExchangeRequest: {
    summary: 'The seller declines with a reason (regionId: the selling region)',
    tags: ['exchange'],
    path: RegionRequestPathSchema,
    body: { contentTypes: ['application/json'], schema: DeclineSchema },
    response: RequestResponseSchema,
  },
  WithdrawExchangeRequest: {
    summary:
      'The buyer withdraws a pending request (regionId: the buying region; 409 while the seller is accepting it)',
    tags: ['exchange'],
    path: RegionRequestPathSchema,
    body: { contentTypes: ['application/json'], schema: WithdrawSchema },
    response: RequestResponseSchema,
  },
  GetExchangeStats: {
    summary:
      'Places requested and accepted between municipalities, per county and category (counts 1–4 withheld)',
    tags: ['exchange', 'coverage'],
    query: ExchangeStatsQuerySchema,
    response: ExchangeStatsResponseSchema,
  },
  GetReviewOwners: {
    summary: "The region's review interval and named owners",
    tags: ['review'],
    path: RegionPathSchema,
    response: ReviewConfigSchema,
  },
  PutReviewOwners: {
    summary: "Save the region's review interval and owners (name, e-mail, municipalities, categories)",
    tags: ['review'],
    path: RegionPathSchema,
    body: { contentTypes: ['application/json'], schema: ReviewConfigBodySchema },
    response: ReviewConfigSchema,
  },
  ListReviewDue: {
    summary: 'Items due, overdue or hidden for want of a confirmation, with their owners',
    tags: ['review'],
    path: RegionPathSchema,
    query: DueQuerySchema,
    response: DueResponseSchema,
  },
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest;
}

function parameters(spec: OperationSpec) {
  const list: unknown[] = [];
  for (const [where, schema] of [
    ['path', spec.path],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
      const fieldSchema = field as z.ZodType;
      list.push({
        name,
        in: where,
        required: where === 'path' || !fieldSchema.safeParse(undefined).success,
        schema: schemaOf(fieldSchema, 'input'),
      });
    }
  }
  return list;
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = schemaOf(ErrorResponseSchema, 'output');
  for (const route of ROUTES) {
    const spec = OPERATIONS[route.name];
    const success =
      spec && 'contentType' in spec.response
        ? { description: 'OK', content: { [spec.response.contentType]: {} } }
        : {
            description: 'OK',
            content: {
              'application/json': { schema: spec ? schemaOf(spec.response as z.ZodType, 'output') : {} },
            },
          };
    const operation: Record<string, unknown> = {
      operationId: route.name,
      summary: spec?.summary ?? route.name,
      tags: spec?.tags ?? [],
      parameters: spec ? parameters(spec) : [],
      responses: {
        '200': success,
        '4XX': {
          description: 'The request was invalid',
          content: { 'application/json': { schema: errorSchema } },
        },
        '5XX': { description: 'Temporary failure', content: { 'application/json': { schema: errorSchema } } },
      },
      ...(route.access === 'public' ? {} : { security: [{ bearer: [] }] }),
    };
    if (spec?.body) {
      operation.requestBody = {
        required: true,
        content: Object.fromEntries(
          spec.body.contentTypes.map((type) => [
            type,
            spec.body?.schema ? { schema: schemaOf(spec.body.schema, 'input') } : {},
          ]),
        ),
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Insatsportalen API',
      version: '1.0.0',
      description:
        'The national portal of integration interventions (insatser) for people newly arrived in Sweden. ' +
        'Errors are { error: { code, message, messages: { sv, en }, details } } with a 4xx status when the caller is at fault.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
  return cached;
}
