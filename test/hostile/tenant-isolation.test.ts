/**
 * Tenant isolation through every admin endpoint: a token for region A can read nothing private of
 * region B and change nothing of it — the exchange decisions included, at any region's path; expired,
 * unsigned (alg none) and wrongly signed tokens are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { ROUTES } from '../../functions/routes.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { dispatcherFor, fingerprint } from './support.ts';

let portal: Portal;
let dispatch: ReturnType<typeof dispatcherFor>;
const regionScoped = ROUTES.filter((r) => r.access === 'admin' && r.path.includes('{regionId}'));
const DECISIONS = ROUTES.filter((r) => r.path.includes('/exchange/requests/{requestId}/'));
const OFFER = 'haninge-arbetsplatsorientering-vard'; // Södertörn, open to other municipalities
const OFFER_PLACES = `/api/admin/regions/sodertorn/interventions/${OFFER}/places`;
/** A pending request Göteborgsregionen (buyer, Göteborg) made to Södertörn (seller). */
let requestId: string;

const send = (token: string, method: string, path: string, body?: unknown) =>
  dispatch({
    method,
    path,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
  });

const bodyFor = (method: string) =>
  method === 'GET'
    ? undefined
    : Buffer.from(
        JSON.stringify(
          method === 'PUT'
            ? { owners: [] }
            : method === 'PATCH'
              ? { confirmReviewed: true }
              : [
                  {
                    id: 'x',
                    title: { sv: 'X' },
                    category: 'sfi',
                    municipalities: ['0126'],
                    provider: { name: 'Huddinge kommun', type: 'municipality' },
                  },
                ],
        ),
      );

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, siteDir: '/nonexistent', rateLimit: false });
  dispatch = dispatcherFor(portal);
  const asked = await send(portal.tokenFor(['goteborgsregionen']), 'POST', '/api/exchange/requests', {
    sellerRegionId: 'sodertorn',
    interventionId: OFFER,
    buyerMunicipality: '1480',
    places: 1,
    fromDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(asked.statusCode, asked.body).toBe(201);
  requestId = JSON.parse(asked.body!).request.id;
});
afterAll(async () => {
  await portal.close();
});

describe('tenant isolation', () => {
  it('covers every region-scoped admin endpoint, the exchange decisions among them', () => {
    expect(regionScoped.length).toBeGreaterThanOrEqual(8);
    expect(DECISIONS.map((r) => r.name).sort()).toEqual([
      'AcceptExchangeRequest',
      'DeclineExchangeRequest',
      'WithdrawExchangeRequest',
    ]);
    for (const route of DECISIONS) expect(regionScoped).toContain(route);
  });

  it('a token for Nordost reads nothing private of Södertörn and changes nothing, through every admin endpoint', async () => {
    const before = await fingerprint(portal);
    const nordost = portal.tokenFor(['nordost'], 'Nordost admin');
    for (const route of regionScoped) {
      const path = route.path
        .replace('{regionId}', 'sodertorn')
        .replace('{id}', 'huddinge-sfi-kvall')
        .replace('{requestId}', requestId);
      const result = await dispatch({
        method: route.method,
        path: route.method === 'POST' && path.endsWith('/catalogue') ? `${path}?confirmRemovals=true` : path,
        headers: { authorization: `Bearer ${nordost}`, 'content-type': 'application/json' },
        body: bodyFor(route.method),
      });
      expect(result.statusCode, `${route.method} ${route.path}`).toBe(403);
      expect(result.body).not.toMatch(/huddinge-sfi|@huddinge|versions/);
    }
    expect(await fingerprint(portal)).toEqual(before);
  });

  it("a token for Nordost decides nothing of a request between Södertörn and Göteborgsregionen, at any region's path", async () => {
    const before = await fingerprint(portal);
    const sodertorn = portal.tokenFor(['sodertorn']);
    const placesBefore = (await send(sodertorn, 'GET', OFFER_PLACES)).body;
    const nordost = portal.tokenFor(['nordost'], 'Nordost admin');
    for (const route of DECISIONS) {
      for (const regionId of ['nordost', 'sodertorn', 'goteborgsregionen']) {
        const path = route.path.replace('{regionId}', regionId).replace('{requestId}', requestId);
        const result = await send(nordost, 'POST', path, { reason: 'Nej' });
        // Its own path: not its request to decide. The others: not its region.
        expect(result.statusCode, `${route.name} at ${regionId}`).toBe(403);
        expect(JSON.parse(result.body!).error.messages.en).toContain(
          regionId === 'nordost' ? 'region "nordost"' : `not an administrator of the region "${regionId}"`,
        );
      }
    }
    // Nor do the parties decide at each other's path: the seller cannot withdraw, the buyer not accept.
    const goteborg = portal.tokenFor(['goteborgsregionen']);
    for (const [token, path] of [
      [sodertorn, `/api/admin/regions/sodertorn/exchange/requests/${requestId}/withdraw`],
      [goteborg, `/api/admin/regions/goteborgsregionen/exchange/requests/${requestId}/accept`],
      [goteborg, `/api/admin/regions/goteborgsregionen/exchange/requests/${requestId}/decline`],
      [goteborg, `/api/admin/regions/sodertorn/exchange/requests/${requestId}/accept`],
    ] as const) {
      expect((await send(token, 'POST', path, { reason: 'Nej' })).statusCode, path).toBe(403);
    }
    expect(await fingerprint(portal)).toEqual(before);
    expect((await send(sodertorn, 'GET', OFFER_PLACES)).body).toEqual(placesBefore);
  });

  it('no token, an expired token, an unsigned (alg none) token and a wrongly signed token are 401 everywhere', async () => {
    const before = await fingerprint(portal);
    const groups = ['region-sodertorn-admin'];
    const good = portal.tokenFor(['sodertorn']);
    const [, payload] = good.split('.');
    const refused = [
      undefined,
      `Bearer ${signDevToken(portal.devTokenSecret, { sub: 'old', groups }, 1_000_000, 60)}`,
      `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
      `Bearer ${Buffer.from('{"alg":"HS512","typ":"JWT"}').toString('base64url')}.${payload}.${good.split('.')[2]}`,
      `Bearer ${signDevToken('not-the-secret', { sub: 'eve', groups })}`,
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    ];
    for (const route of ROUTES.filter((r) => r.access !== 'public')) {
      const path = route.path
        .replace('{regionId}', 'sodertorn')
        .replace('{id}', 'huddinge-sfi-kvall')
        .replace('{requestId}', 'r1');
      for (const authorization of refused) {
        const result = await dispatch({
          method: route.method,
          path,
          headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
          body: bodyFor(route.method),
        });
        expect(result.statusCode, `${route.method} ${route.path} with ${authorization?.slice(0, 20)}`).toBe(
          401,
        );
      }
    }
    expect(await fingerprint(portal)).toEqual(before);
  });

  it("the region's own administrator is let through the same endpoints (the check is not a blanket refusal)", async () => {
    const own = portal.tokenFor(['sodertorn']);
    const result = await dispatch({
      method: 'GET',
      path: '/api/admin/regions/sodertorn/catalogue/versions',
      headers: { authorization: `Bearer ${own}` },
    });
    expect(result.statusCode).toBe(200);
  });
});
