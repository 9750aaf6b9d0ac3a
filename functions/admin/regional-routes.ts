/**
 * Which routes run in a region's own admin function (docs/reliability.md, "Tenant isolation in AWS"):
 * every admin route under `/api/admin/regions/{regionId}/`. In AWS each configured region gets one
 * function serving these routes at concrete paths (`/api/admin/regions/<id>/…`), whose role may touch
 * that region's table only; the local server keeps dispatching the `{regionId}` routes of ROUTES.
 *
 * Lightweight on purpose: the CDK app imports this module, not the handlers.
 */
import type { Route } from '../routes.ts';

export const REGIONAL_ADMIN_PREFIX = '/api/admin/regions/{regionId}/';
/** The region a regional admin function serves (set by the CDK stack, never by a request). */
export const ADMIN_REGION_ENV = 'INSATS_ADMIN_REGION_ID';

export function isRegionalAdminRoute(route: Route): boolean {
  return route.access === 'admin' && route.path.startsWith(REGIONAL_ADMIN_PREFIX);
}

export function regionalAdminRoutes(routes: readonly Route[]): Route[] {
  return routes.filter(isRegionalAdminRoute);
}

/**
 * Refuses route tables that would put a region's data behind a shared function: an admin route naming
 * `{regionId}` outside the prefix, or a non-admin route inside it. Throws with the route's name.
 */
export function checkRegionalRoutes(routes: readonly Route[]): void {
  for (const route of routes) {
    if (route.path.startsWith(REGIONAL_ADMIN_PREFIX) && route.access !== 'admin') {
      throw new Error(
        `Route ${route.name} sits under ${REGIONAL_ADMIN_PREFIX} but has access "${route.access}": ` +
          'that prefix is for region administrators only (each region gets its own function there).',
      );
    }
    if (route.access === 'admin' && route.path.includes('{regionId}') && !isRegionalAdminRoute(route)) {
      throw new Error(
        `Admin route ${route.name} (${route.path}) names {regionId} outside ${REGIONAL_ADMIN_PREFIX}: ` +
          "move it under that prefix so it runs in the region's own function with the region's own grants.",
      );
    }
  }
}

/** The route path with the region filled in: `/api/admin/regions/sodertorn/catalogue`. */
export function concretePath(route: Route, regionId: string): string {
  return route.path.replace('{regionId}', regionId);
}

/** The API Gateway route key of a route for one region: `POST /api/admin/regions/sodertorn/catalogue`. */
export function concreteRouteKey(route: Route, regionId: string): string {
  return `${route.method} ${concretePath(route, regionId)}`;
}
