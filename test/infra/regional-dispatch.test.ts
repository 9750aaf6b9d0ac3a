/**
 * The regional admin dispatcher (functions/admin/regional-dispatch.ts): the handler of each region's
 * own admin function in AWS. It runs the very handlers of ROUTES, chosen by the route key API Gateway
 * matched, and always with its own region in `pathParameters.regionId`.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRegionalDispatcher,
  handler,
  type LambdaContext,
  REGIONAL_HANDLERS,
} from '../../functions/admin/regional-dispatch.ts';
import {
  ADMIN_REGION_ENV,
  checkRegionalRoutes,
  concreteRouteKey,
  isRegionalAdminRoute,
  regionalAdminRoutes,
} from '../../functions/admin/regional-routes.ts';
import type { HttpEvent, HttpResult } from '../../functions/lib/http.ts';
import { ROUTES, type Route } from '../../functions/routes.ts';
import { REPOSITORY_ROOT } from '../../infra/region-registry.ts';

const REGIONAL = regionalAdminRoutes(ROUTES);
const context = {} as LambdaContext;
const listVersions = REGIONAL.find((r) => r.name === 'ListVersions')!;
const patchPlaces = REGIONAL.find((r) => r.name === 'PatchPlaces')!;
const DECISIONS = ['AcceptExchangeRequest', 'DeclineExchangeRequest', 'WithdrawExchangeRequest'];

function eventFor(routeKey: string | undefined, extra: Partial<HttpEvent> = {}): HttpEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: routeKey?.split(' ')[1] ?? '/',
    headers: {},
    requestContext: { http: { method: routeKey?.split(' ')[0] ?? 'GET', path: '/' } },
    ...extra,
  };
}

/** Stand-in handlers that record what they were given. */
function recordingHandlers() {
  const seen: { name: string; event: HttpEvent }[] = [];
  const handlers = Object.fromEntries(
    REGIONAL.map((r) => [
      r.name,
      async (event: HttpEvent): Promise<HttpResult> => {
        seen.push({ name: r.name, event });
        return { statusCode: 200, body: r.name };
      },
    ]),
  ) as unknown as typeof REGIONAL_HANDLERS;
  return { seen, handlers };
}

const claimsFor = (regionId: string) => ({
  sub: 'admin-1',
  name: 'Test Admin',
  'cognito:groups': [`region-${regionId}-admin`],
});

describe('the route table', () => {
  it('serves exactly the admin routes under /api/admin/regions/{regionId}/', () => {
    expect(REGIONAL.length).toBeGreaterThan(0);
    expect(Object.keys(REGIONAL_HANDLERS).sort()).toEqual(REGIONAL.map((r) => r.name).sort());
    for (const route of ROUTES) {
      expect(isRegionalAdminRoute(route), route.name).toBe(
        route.access === 'admin' && route.path.startsWith('/api/admin/regions/{regionId}/'),
      );
    }
  });

  it.each(REGIONAL.map((r) => [r.name, r.entry] as const))(
    '%s runs the very handler of %s (no copy)',
    async (name, entry) => {
      const module = (await import(path.join(REPOSITORY_ROOT, entry))) as { handler: unknown };
      expect(REGIONAL_HANDLERS[name]).toBe(module.handler);
    },
  );

  it('includes the exchange decisions on requests (accept, decline: the seller; withdraw: the buyer)', () => {
    for (const name of DECISIONS) {
      const route = REGIONAL.find((r) => r.name === name);
      expect(route?.path, name).toMatch(
        /^\/api\/admin\/regions\/\{regionId\}\/exchange\/requests\/\{requestId\}\//,
      );
    }
  });

  it('ROUTES passes the check the CDK stack makes', () => {
    expect(() => checkRegionalRoutes(ROUTES)).not.toThrow();
  });

  it('refuses an admin route naming {regionId} outside the prefix, and a public route inside it', () => {
    const base: Route = { ...listVersions };
    expect(() => checkRegionalRoutes([{ ...base, path: '/api/admin/other/{regionId}/x' }])).toThrow(
      /outside \/api\/admin\/regions\/\{regionId\}\//,
    );
    expect(() => checkRegionalRoutes([{ ...base, access: 'public' }])).toThrow(/region administrators only/);
  });
});

describe('dispatching', () => {
  it('passes each concrete route of its region to its handler, with the region forced to its own', async () => {
    const { seen, handlers } = recordingHandlers();
    const dispatch = createRegionalDispatcher('sodertorn', ROUTES, handlers);
    for (const route of REGIONAL) {
      const result = await dispatch(
        eventFor(concreteRouteKey(route, 'sodertorn'), {
          pathParameters: { regionId: 'nordost', id: 'abc' },
        }),
        context,
      );
      expect(result, route.name).toMatchObject({ statusCode: 200, body: route.name });
    }
    expect(seen.map((s) => s.name)).toEqual(REGIONAL.map((r) => r.name));
    for (const { event } of seen) expect(event.pathParameters).toEqual({ regionId: 'sodertorn', id: 'abc' });
  });

  it.each([
    ['another region', concreteRouteKey(listVersions, 'nordost')],
    ['the generic {regionId} route', `${listVersions.method} ${listVersions.path}`],
    ['a wrong method', `DELETE ${concreteRouteKey(listVersions, 'sodertorn').split(' ')[1]}`],
    ['a public route', 'GET /api/search'],
    ['no route key', undefined],
  ])('answers 404 to %s, reaching no handler', async (_what, routeKey) => {
    const { seen, handlers } = recordingHandlers();
    const dispatch = createRegionalDispatcher('sodertorn', ROUTES, handlers);
    const result = await dispatch(eventFor(routeKey), context);
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body!).error.code).toBe('route-not-found');
    expect(seen).toEqual([]);
  });

  it("a token for region B is refused by region A's function, whatever the path parameter says", async () => {
    const dispatch = createRegionalDispatcher('sodertorn');
    const result = await dispatch(
      eventFor(concreteRouteKey(patchPlaces, 'sodertorn'), {
        pathParameters: { regionId: 'nordost', id: 'abc' },
        body: JSON.stringify({ placesAvailable: 0 }),
        requestContext: {
          http: { method: 'PATCH', path: '/' },
          authorizer: { jwt: { claims: claimsFor('nordost') } },
        },
      }),
      context,
    );
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body!).error.code).toBe('forbidden');
    expect(JSON.parse(result.body!).error.messages.en).toContain('"sodertorn"');
  });

  it.each(DECISIONS)(
    "%s: a token for region B is refused by region A's function before the request is read",
    async (name) => {
      const route = REGIONAL.find((r) => r.name === name)!;
      const dispatch = createRegionalDispatcher('sodertorn');
      const result = await dispatch(
        eventFor(concreteRouteKey(route, 'sodertorn'), {
          pathParameters: { regionId: 'nordost', requestId: '00000000-0000-4000-8000-000000000000' },
          body: JSON.stringify({ reason: 'Nej' }),
          requestContext: {
            http: { method: 'POST', path: '/' },
            authorizer: { jwt: { claims: claimsFor('nordost') } },
          },
        }),
        context,
      );
      expect(result.statusCode).toBe(403);
      expect(JSON.parse(result.body!).error.messages.en).toContain('"sodertorn"');
    },
  );

  it('without a token the real handler answers 401', async () => {
    const dispatch = createRegionalDispatcher('sodertorn');
    const result = await dispatch(eventFor(concreteRouteKey(listVersions, 'sodertorn')), context);
    expect(result.statusCode).toBe(401);
  });
});

describe('configuration errors fail loudly', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('refuses a region id that is not one', () => {
    expect(() => createRegionalDispatcher('Södertörn')).toThrow(/not a region id/);
    expect(() => createRegionalDispatcher('')).toThrow(/not a region id/);
  });

  it('refuses a route without a handler, and a handler without a route', () => {
    const { handlers } = recordingHandlers();
    const { ListVersions: _dropped, ...missing } = handlers;
    expect(() => createRegionalDispatcher('sodertorn', ROUTES, missing)).toThrow(/ListVersions/);
    expect(() =>
      createRegionalDispatcher('sodertorn', ROUTES, { ...handlers, Stray: handlers.ListVersions! }),
    ).toThrow(/Stray/);
  });

  it('the Lambda entry needs its region from the configuration, then serves it', async () => {
    vi.stubEnv(ADMIN_REGION_ENV, '');
    await expect(handler(eventFor(concreteRouteKey(listVersions, 'sodertorn')), context)).rejects.toThrow(
      ADMIN_REGION_ENV,
    );
    vi.stubEnv(ADMIN_REGION_ENV, 'sodertorn');
    const other = await handler(eventFor(concreteRouteKey(listVersions, 'nordost')), context);
    expect(other.statusCode).toBe(404);
    const own = await handler(eventFor(concreteRouteKey(listVersions, 'sodertorn')), context);
    expect(own.statusCode).toBe(401);
  });
});
