/**
 * The handler of a region's own admin function in AWS (docs/reliability.md, "Tenant isolation in AWS").
 * The CDK stack deploys this module once per configured region, with ADMIN_REGION_ENV naming the region
 * and a role that may touch that region's table only; API Gateway sends it that region's concrete admin
 * routes (`POST /api/admin/regions/sodertorn/catalogue`, …). It runs the very handlers of ROUTES,
 * chosen by `event.routeKey`, with `pathParameters.regionId` set to its own region: whatever a request
 * says, this function can only ever act on the region its credentials belong to.
 *
 * The local server does not use it: it dispatches the `{regionId}` routes of ROUTES itself.
 */
import { RegionId } from '../../shared/region.ts';
import { handler as confirmReviewed } from '../catalogue/confirm-reviewed.ts';
import { handler as exportCatalogue } from '../catalogue/export-catalogue.ts';
import { handler as listVersions } from '../catalogue/list-versions.ts';
import { handler as patchIntervention } from '../catalogue/patch-intervention.ts';
import { handler as rollback } from '../catalogue/rollback.ts';
import { handler as uploadCatalogue } from '../catalogue/upload-catalogue.ts';
import { handler as acceptExchangeRequest } from '../exchange/accept-request.ts';
import { handler as declineExchangeRequest } from '../exchange/decline-request.ts';
import { handler as getPlaces } from '../exchange/get-places.ts';
import { handler as patchPlaces } from '../exchange/patch-places.ts';
import { handler as withdrawExchangeRequest } from '../exchange/withdraw-request.ts';
import { requireEnv } from '../lib/config.ts';
import { notFound } from '../lib/errors.ts';
import { errorResult, type HttpEvent, type HttpResult, type httpHandler } from '../lib/http.ts';
import { handler as getReviewOwners } from '../review/get-owners.ts';
import { handler as listReviewDue } from '../review/list-due.ts';
import { handler as putReviewOwners } from '../review/put-owners.ts';
import { ROUTES, type Route } from '../routes.ts';
import { ADMIN_REGION_ENV, concreteRouteKey, regionalAdminRoutes } from './regional-routes.ts';

type AdminHandler = ReturnType<typeof httpHandler>;
export type LambdaContext = Parameters<AdminHandler>[1];
export type RegionalDispatcher = (event: HttpEvent, context: LambdaContext) => Promise<HttpResult>;

/**
 * The handlers of the regional admin routes, by route name: each is the `handler` export of the route's
 * `entry` module (a static import, so esbuild bundles them; test/infra/regional-dispatch.test.ts proves
 * the table matches ROUTES exactly and holds the very same functions).
 */
export const REGIONAL_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  UploadCatalogue: uploadCatalogue,
  ListVersions: listVersions,
  Rollback: rollback,
  ConfirmReviewed: confirmReviewed,
  ExportCatalogue: exportCatalogue,
  PatchIntervention: patchIntervention,
  GetPlaces: getPlaces,
  PatchPlaces: patchPlaces,
  AcceptExchangeRequest: acceptExchangeRequest,
  DeclineExchangeRequest: declineExchangeRequest,
  WithdrawExchangeRequest: withdrawExchangeRequest,
  GetReviewOwners: getReviewOwners,
  PutReviewOwners: putReviewOwners,
  ListReviewDue: listReviewDue,
};

/**
 * A dispatcher for one region: its concrete route keys to the handlers. Throws when the region id is
 * not a region id, or when ROUTES and the handler table disagree (a route without a handler, a handler
 * without a route): a function that cannot serve its routes fails at its first request, loudly.
 */
export function createRegionalDispatcher(
  regionId: string,
  routes: readonly Route[] = ROUTES,
  handlers: Readonly<Record<string, AdminHandler>> = REGIONAL_HANDLERS,
): RegionalDispatcher {
  if (!RegionId.safeParse(regionId).success) {
    throw new Error(`Configuration error: ${ADMIN_REGION_ENV} "${regionId}" is not a region id`);
  }
  const regional = regionalAdminRoutes(routes);
  const byRouteKey = new Map<string, AdminHandler>();
  for (const route of regional) {
    const routeHandler = handlers[route.name];
    if (!routeHandler) throw new Error(`No handler for the regional admin route ${route.name}`);
    byRouteKey.set(concreteRouteKey(route, regionId), routeHandler);
  }
  const extra = Object.keys(handlers).filter((name) => !regional.some((r) => r.name === name));
  if (extra.length > 0) throw new Error(`Handlers without a regional admin route: ${extra.join(', ')}`);

  return async (event, context) => {
    const routeHandler = event.routeKey ? byRouteKey.get(event.routeKey) : undefined;
    if (!routeHandler) return errorResult(notFound('route'), event);
    // The region is this function's, never the request's: the handlers (and regionAdmin()) see only it.
    return routeHandler({ ...event, pathParameters: { ...event.pathParameters, regionId } }, context);
  };
}

let dispatcher: RegionalDispatcher | undefined;

/** Lambda entry: the region comes from the function's configuration, read at the first request. */
export const handler: RegionalDispatcher = async (event, context) => {
  dispatcher ??= createRegionalDispatcher(requireEnv(ADMIN_REGION_ENV));
  return dispatcher(event, context);
};
