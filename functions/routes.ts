/**
 * The HTTP API's routes: one table read by the local server (to dispatch to the very same handlers)
 * and by the CDK stack (to create one Lambda function and one HTTP API route per entry).
 * Adding an endpoint means adding its handler file and one line here.
 */
export type Access = 'public' | 'admin' | 'county-board';

/**
 * What a function may write in the national (registry) table, shared by every region. Each names the
 * partitions of its own items, and the CDK app grants exactly those (`dynamodb:LeadingKeys`,
 * NATIONAL_WRITES in infra/constructs/bind-stores.ts); nothing else there is writable, the region
 * registry (`REGION`) least of all.
 * - `decisions`: UpdateItem on the request records and counters (`XREQ#…`, `XSTATS`): accept, decline,
 *   withdraw.
 * - `new-requests`: PutItem a request record (`XREQ#…`), BatchWriteItem its listing index items
 *   (`XREQS#…`), UpdateItem the counters (`XSTATS`): asking for places.
 * - `demand`: UpdateItem on the demand counters (`DEMAND#<day>`): the public search's anonymous counting.
 * - `newcomers`: UpdateItem on the newcomer figures (`NEWCOMERS`): the county boards' upload.
 * - `reminders`: Put/Update/Delete the once-a-day reminder markers (`REMINDER#<day>`): the scheduled
 *   reminders (not a route).
 */
export type NationalWrite = 'decisions' | 'new-requests' | 'demand' | 'newcomers' | 'reminders';

export interface Route {
  /** Stable PascalCase name: the Lambda function's logical id in CDK. */
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway HTTP API route path, with `{param}` placeholders. */
  path: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  access: Access;
  /**
   * What the function may do with the regional stores: `read`, or `write` (a regional admin route only:
   * it runs in its region's own function and writes that region's table). The national (registry) table
   * it may always read; what it may write there is `national`.
   */
  stores: 'read' | 'write';
  /** The items it may write in the national (registry) table, if any (see NationalWrite). */
  national?: NationalWrite;
  /** Lambda memory in MB (search keeps indexes in memory). */
  memoryMb?: number;
  /** At most 29: API Gateway's HTTP API gives up on an integration after 30 seconds. */
  timeoutSeconds?: number;
}

export const ROUTES: readonly Route[] = [
  {
    name: 'ListRegions',
    method: 'GET',
    path: '/api/regions',
    entry: 'functions/regions/list-regions.ts',
    access: 'public',
    stores: 'read',
  },
  {
    name: 'ListInterventions',
    method: 'GET',
    path: '/api/regions/{regionId}/interventions',
    entry: 'functions/regions/list-interventions.ts',
    access: 'public',
    stores: 'read',
  },
  {
    name: 'GetIntervention',
    method: 'GET',
    path: '/api/regions/{regionId}/interventions/{id}',
    entry: 'functions/regions/get-intervention.ts',
    access: 'public',
    stores: 'read',
  },
  {
    name: 'GetOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    entry: 'functions/openapi/get-openapi.ts',
    access: 'public',
    stores: 'read',
  },
  {
    name: 'GetTemplate',
    method: 'GET',
    path: '/api/catalogue/template.csv',
    entry: 'functions/catalogue/get-template.ts',
    access: 'public',
    stores: 'read',
  },
  {
    name: 'UploadCatalogue',
    method: 'POST',
    path: '/api/admin/regions/{regionId}/catalogue',
    entry: 'functions/catalogue/upload-catalogue.ts',
    access: 'admin',
    stores: 'write',
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  {
    name: 'ListVersions',
    method: 'GET',
    path: '/api/admin/regions/{regionId}/catalogue/versions',
    entry: 'functions/catalogue/list-versions.ts',
    access: 'admin',
    stores: 'read',
  },
  {
    name: 'Rollback',
    method: 'POST',
    path: '/api/admin/regions/{regionId}/catalogue/rollback',
    entry: 'functions/catalogue/rollback.ts',
    access: 'admin',
    stores: 'write',
    timeoutSeconds: 29,
  },
  {
    name: 'ConfirmReviewed',
    method: 'POST',
    path: '/api/admin/regions/{regionId}/catalogue/review',
    entry: 'functions/catalogue/confirm-reviewed.ts',
    access: 'admin',
    stores: 'write',
    timeoutSeconds: 29,
  },
  {
    name: 'ExportCatalogue',
    method: 'GET',
    path: '/api/admin/regions/{regionId}/catalogue/export',
    entry: 'functions/catalogue/export-catalogue.ts',
    access: 'admin',
    stores: 'read',
    memoryMb: 512,
  },
  {
    name: 'PatchIntervention',
    method: 'PATCH',
    path: '/api/admin/regions/{regionId}/interventions/{id}',
    entry: 'functions/catalogue/patch-intervention.ts',
    access: 'admin',
    stores: 'write',
    timeoutSeconds: 29,
  },
  {
    name: 'Search',
    method: 'GET',
    path: '/api/search',
    entry: 'functions/search/search.ts',
    access: 'public',
    stores: 'read',
    national: 'demand',
    memoryMb: 1769,
    timeoutSeconds: 10,
  },
  {
    name: 'GetCoverage',
    method: 'GET',
    path: '/api/coverage',
    entry: 'functions/coverage/get-coverage.ts',
    access: 'public',
    stores: 'read',
    memoryMb: 1024,
    timeoutSeconds: 20,
  },
  {
    name: 'GetDemand',
    method: 'GET',
    path: '/api/coverage/demand',
    entry: 'functions/coverage/get-demand.ts',
    access: 'public',
    stores: 'read',
    timeoutSeconds: 15,
  },
  {
    name: 'UploadNewcomers',
    method: 'POST',
    path: '/api/coverage/newcomers',
    entry: 'functions/coverage/upload-newcomers.ts',
    access: 'county-board',
    stores: 'read',
    national: 'newcomers',
    timeoutSeconds: 15,
  },

  // The exchange between municipalities (docs/exchange.md)
  {
    name: 'GetPlaces',
    method: 'GET',
    path: '/api/admin/regions/{regionId}/interventions/{id}/places',
    entry: 'functions/exchange/get-places.ts',
    access: 'admin',
    stores: 'read',
  },
  {
    name: 'PatchPlaces',
    method: 'PATCH',
    path: '/api/admin/regions/{regionId}/interventions/{id}/places',
    entry: 'functions/exchange/patch-places.ts',
    access: 'admin',
    stores: 'write',
  },
  {
    name: 'ListOffers',
    method: 'GET',
    path: '/api/exchange/offers',
    entry: 'functions/exchange/list-offers.ts',
    access: 'admin',
    stores: 'read',
    memoryMb: 1024,
    timeoutSeconds: 15,
  },
  {
    name: 'CreateExchangeRequest',
    method: 'POST',
    path: '/api/exchange/requests',
    entry: 'functions/exchange/create-request.ts',
    access: 'admin',
    stores: 'read',
    national: 'new-requests',
  },
  {
    name: 'ListExchangeRequests',
    method: 'GET',
    path: '/api/exchange/requests',
    entry: 'functions/exchange/list-requests.ts',
    access: 'admin',
    stores: 'read',
  },
  {
    name: 'GetExchangeRequest',
    method: 'GET',
    path: '/api/exchange/requests/{requestId}',
    entry: 'functions/exchange/get-request.ts',
    access: 'admin',
    stores: 'read',
  },
  // The decisions, under the deciding region's path: in AWS they run in that region's own admin
  // function, whose role reaches that region's table only (docs/reliability.md).
  {
    name: 'AcceptExchangeRequest',
    method: 'POST',
    path: '/api/admin/regions/{regionId}/exchange/requests/{requestId}/accept',
    entry: 'functions/exchange/accept-request.ts',
    access: 'admin',
    stores: 'write',
    national: 'decisions',
  },
  {
    name: 'DeclineExchangeRequest',
    method: 'POST',
    path: '/api/admin/regions/{regionId}/exchange/requests/{requestId}/decline',
    entry: 'functions/exchange/decline-request.ts',
    access: 'admin',
    stores: 'write',
    national: 'decisions',
  },
  {
    name: 'WithdrawExchangeRequest',
    method: 'POST',
    path: '/api/admin/regions/{regionId}/exchange/requests/{requestId}/withdraw',
    entry: 'functions/exchange/withdraw-request.ts',
    access: 'admin',
    // The buyer's function: the national table only (the seller's places are the seller's function's).
    stores: 'read',
    national: 'decisions',
  },
  {
    name: 'GetExchangeStats',
    method: 'GET',
    path: '/api/exchange/stats',
    entry: 'functions/exchange/get-stats.ts',
    access: 'public',
    stores: 'read',
  },
  // The review routine (docs/review.md)
  {
    name: 'GetReviewOwners',
    method: 'GET',
    path: '/api/admin/regions/{regionId}/review/owners',
    entry: 'functions/review/get-owners.ts',
    access: 'admin',
    stores: 'read',
  },
  {
    name: 'PutReviewOwners',
    method: 'PUT',
    path: '/api/admin/regions/{regionId}/review/owners',
    entry: 'functions/review/put-owners.ts',
    access: 'admin',
    stores: 'write',
  },
  {
    name: 'ListReviewDue',
    method: 'GET',
    path: '/api/admin/regions/{regionId}/review/due',
    entry: 'functions/review/list-due.ts',
    access: 'admin',
    stores: 'read',
    memoryMb: 1024,
    timeoutSeconds: 15,
  },
];

/** Match a concrete path against a route path; returns the path parameters or undefined. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; pathParameters: Record<string, string> } | { methodNotAllowed: true } | undefined {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { route, pathParameters: params };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!h) return undefined;
      params[w.slice(1, -1)] = h;
    } else if (w !== h) return undefined;
  }
  return params;
}
