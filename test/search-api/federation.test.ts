import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, readPointer } from '../../functions/catalogue/store.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { SearchResponse } from '../../shared/search.ts';
import { makeIntervention, testRegion } from '../support/embedded.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';

let portal: Portal;
let proxy: FaultProxy;
const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
const healthy = testRegion('healthy', ['0126']);
const fragile = testRegion('fragile', ['0138']);

const search = async (query: string) => {
  const response = await fetch(`${portal.url}/api/search?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchResponse;
};

/** Search until the answer satisfies `done` (the federation refreshes in the background). */
async function searchUntil(query: string, done: (r: SearchResponse) => boolean, timeoutMs = 8_000) {
  const started = Date.now();
  for (;;) {
    const result = await search(query);
    if (done(result)) return { result, elapsedMs: Date.now() - started };
    if (Date.now() - started > timeoutMs)
      throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(result.regions)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  proxy = await startFaultProxy();
  proxy.slowMs = LIMITS.regionDeadlineMs * 4;
  portal = await startPortal({
    seedDemo: false,
    siteDir: '/nonexistent',
    regions: [healthy, { ...fragile, storeEndpoint: proxy.endpoint }],
  });
  proxy.target = portal.dynamoEndpoint;
  await publish(healthy.tableName, {
    items: [makeIntervention('sfi-huddinge', { title: { sv: 'SFI kvällstid i Huddinge' } })],
    publishedBy: 'test',
    source: 'seed',
    counts,
  });
  await publish(fragile.tableName, {
    items: [
      makeIntervention('sfi-tyreso', { title: { sv: 'SFI kvällstid i Tyresö' }, municipalities: ['0138'] }),
    ],
    publishedBy: 'test',
    source: 'seed',
    counts,
  });
});
afterAll(async () => {
  await portal.close();
  await proxy.close();
});

describe('federated search over regional stores that fail', () => {
  it('answers from every region when all stores are healthy', async () => {
    const result = await search('q=sfi');
    expect(result.regions).toEqual({
      healthy: { status: 'ok', version: 1 },
      fragile: { status: 'ok', version: 1 },
    });
    expect(result.results.map((r) => r.id).sort()).toEqual(['sfi-huddinge', 'sfi-tyreso']);
  });

  for (const mode of ['refuse', 'throttle', 'slow', 'server-error'] as const) {
    it(`a store that starts to ${mode === 'refuse' ? 'refuse connections' : mode === 'slow' ? 'answer past the deadline' : mode === 'throttle' ? 'throttle' : 'fail with 500'} keeps answering from its last loaded version, marked stale, and recovers without a restart`, async () => {
      await proxy.setMode(mode);
      const { result } = await searchUntil('q=sfi', (r) => r.regions.fragile?.status === 'stale');
      expect(result.regions.healthy).toEqual({ status: 'ok', version: 1 });
      expect(result.regions.fragile).toEqual({ status: 'stale', version: 1 });
      expect(result.results.map((r) => r.id)).toContain('sfi-tyreso');
      await proxy.setMode('pass');
      await searchUntil('q=sfi', (r) => r.regions.fragile?.status === 'ok');
    });
  }

  it('publishing to a failing store answers a retryable 503 and leaves the live version intact', async () => {
    const before = await readPointer(fragile.tableName);
    await proxy.setMode('refuse');
    const token = portal.tokenFor(['fragile']);
    const response = await fetch(`${portal.url}/api/admin/regions/fragile/catalogue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          id: 'ny',
          title: { sv: 'Ny' },
          category: 'sfi',
          municipalities: ['0138'],
          provider: { name: 'Tyresö kommun', type: 'municipality' },
        },
      ]),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeTruthy();
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('store-unavailable');
    await proxy.setMode('pass');
    expect(await readPointer(fragile.tableName)).toEqual(before);
  });

  it('a new publication becomes searchable within 5 seconds', async () => {
    await publish(healthy.tableName, {
      items: [
        makeIntervention('sfi-huddinge', { title: { sv: 'SFI kvällstid i Huddinge' } }),
        makeIntervention('praktik-huddinge', {
          title: { sv: 'Praktikplats inom vården' },
          category: 'arbete.praktik',
        }),
      ],
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    const published = Date.now();
    const { result } = await searchUntil('q=praktik', (r) =>
      r.results.some((i) => i.id === 'praktik-huddinge'),
    );
    expect(Date.now() - published).toBeLessThan(5_000);
    expect(result.regions.healthy).toEqual({ status: 'ok', version: 2 });
  });

  it('a region whose store was never reachable is reported unavailable while the search still answers', async () => {
    const { putRegions, clearRegistryCache } = await import('../../functions/registry/store.ts');
    const ghost = testRegion('ghost', ['0180'], { tableName: 'ghost-table-missing' });
    await putRegions([healthy, { ...fragile, storeEndpoint: proxy.endpoint }, ghost]);
    clearRegistryCache();
    const { result } = await searchUntil('q=sfi', (r) => r.regions.ghost !== undefined);
    expect(result.regions.ghost).toEqual({ status: 'unavailable', version: null });
    expect(result.results.length).toBeGreaterThan(0);
  });
});
