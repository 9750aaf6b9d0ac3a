/**
 * Tenant isolation through every admin endpoint: a token for region A can read nothing private of
 * region B and change nothing of it; expired, unsigned (alg none) and wrongly signed tokens are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { ROUTES } from '../../functions/routes.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { dispatcherFor, fingerprint } from './support.ts';

let portal: Portal;
let dispatch: ReturnType<typeof dispatcherFor>;
const regionScoped = ROUTES.filter((r) => r.access === 'admin' && r.path.includes('{regionId}'));

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
});
afterAll(async () => {
  await portal.close();
});

describe('tenant isolation', () => {
  it('covers every region-scoped admin endpoint', () => {
    expect(regionScoped.length).toBeGreaterThanOrEqual(8);
  });

  it('a token for Nordost reads nothing private of Södertörn and changes nothing, through every admin endpoint', async () => {
    const before = await fingerprint(portal);
    const nordost = portal.tokenFor(['nordost'], 'Nordost admin');
    for (const route of regionScoped) {
      const path = route.path.replace('{regionId}', 'sodertorn').replace('{id}', 'huddinge-sfi-kvall');
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
