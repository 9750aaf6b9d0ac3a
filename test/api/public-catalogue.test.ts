import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../functions/catalogue/store.ts';
import { errorResult } from '../../functions/lib/http.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { ErrorResponseSchema, InterventionPageSchema, RegionsResponseSchema } from '../../shared/api.ts';
import { LIMITS } from '../../shared/limits.ts';
import { makeIntervention } from '../support/embedded.ts';

let portal: Portal;
const get = (path: string, init?: RequestInit) => fetch(portal.url + path, init);

beforeAll(async () => {
  portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
  const sodertorn = portal.regions.find((r) => r.id === 'sodertorn')!;
  const items = Array.from({ length: 45 }, (_, i) =>
    makeIntervention(`sfi-${String(i).padStart(2, '0')}`, {
      title: { sv: `SFI i Värmdö ${i}`, ar: 'اللغة السويدية' },
      municipalities: ['0120'],
    }),
  );
  await publish(sodertorn.tableName, {
    items,
    publishedBy: 'test',
    source: 'seed',
    counts: { added: 45, changed: 0, removed: 0, unchanged: 0 },
  });
});
afterAll(async () => {
  await portal.close();
});

describe('GET /api/regions', () => {
  it('lists every configured region with its published catalogue or null', async () => {
    const response = await get('/api/regions');
    expect(response.status).toBe(200);
    const body = RegionsResponseSchema.parse(await response.json());
    expect(body.regions.map((r) => r.id).sort()).toEqual(['goteborgsregionen', 'nordost', 'sodertorn']);
    const sodertorn = body.regions.find((r) => r.id === 'sodertorn')!;
    expect(sodertorn.municipalities).toEqual(['0126', '0136', '0192', '0128', '0138', '0120']);
    expect(sodertorn.catalogue).toMatchObject({ version: 1, itemCount: 45 });
    expect(body.regions.find((r) => r.id === 'nordost')!.catalogue).toBeNull();
  });

  it('shows a publish within LIMITS.publicLiveMaxAgeMs, and at once to a request asking for fresh', async () => {
    const goteborg = portal.regions.find((r) => r.id === 'goteborgsregionen')!;
    const versionOf = async (init?: RequestInit) =>
      RegionsResponseSchema.parse(await (await get('/api/regions', init)).json()).regions.find(
        (r) => r.id === goteborg.id,
      )!.catalogue?.version ?? null;
    const publishOne = (id: string) =>
      publish(goteborg.tableName, {
        items: [makeIntervention(id, { municipalities: ['1480'] })],
        publishedBy: 'test',
        source: 'seed',
        counts: { added: 1, changed: 0, removed: 0, unchanged: 0 },
      });
    const before = await versionOf();
    const first = await publishOne('gbg-1');
    const published = Date.now();
    for (;;) {
      const version = await versionOf();
      if (version === first.version) break;
      expect(version).toBe(before);
      expect(Date.now() - published).toBeLessThan(LIMITS.publicLiveMaxAgeMs + 1_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = await publishOne('gbg-2');
    expect(await versionOf({ headers: { 'cache-control': 'no-cache' } })).toBe(second.version);
  });
});

describe('GET /api/regions/{regionId}/interventions', () => {
  it('pages through the whole catalogue with a cursor, without repeats, keeping å/ä/ö and Arabic', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/api/regions/sodertorn/interventions?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      const page = InterventionPageSchema.parse(await response.json());
      expect(page.version).toBe(1);
      ids.push(...page.items.map((i) => i.id));
      if (ids.length === 20)
        expect(page.items[0]!.title).toEqual({ sv: 'SFI i Värmdö 0', ar: 'اللغة السويدية' });
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
  });

  it('answers an empty page for a region that has published nothing yet', async () => {
    const response = await get('/api/regions/nordost/interventions');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ regionId: 'nordost', version: null, items: [] });
  });

  it.each([
    ['/api/regions/atlantis/interventions', 404, 'region-not-found'],
    ['/api/regions/sodertorn/interventions?limit=100000', 400, 'invalid-query'],
    ['/api/regions/sodertorn/interventions?limit=zero', 400, 'invalid-query'],
    ['/api/regions/sodertorn/interventions?cursor=not-a-cursor', 400, 'invalid-cursor'],
    ['/api/regions/NOT_A_SLUG/interventions', 400, 'invalid-path'],
    ['/api/regions/sodertorn/interventions/..%2F..%2Fetc', 400, 'invalid-path'],
    ['/api/regions/sodertorn/interventions/missing-one', 404, 'intervention-not-found'],
    ['/api/no-such-thing', 404, 'route-not-found'],
  ])('%s → %i in the error shape, in Swedish and English', async (path, status, code) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    const body = ErrorResponseSchema.parse(await response.json());
    expect(body.error.code).toBe(code);
    expect(body.error.messages.sv).not.toEqual(body.error.messages.en);
    expect(body.error.message).toBe(body.error.messages.sv);
  });

  it('answers in English when the caller prefers it', async () => {
    const response = await get('/api/regions/atlantis/interventions', {
      headers: { 'accept-language': 'en-GB,en' },
    });
    const body = ErrorResponseSchema.parse(await response.json());
    expect(body.error.message).toBe('The region "atlantis" does not exist.');
  });

  it('ignores unknown query parameters', async () => {
    const response = await get('/api/regions/sodertorn/interventions?limit=5&utm_source=sms');
    expect(response.status).toBe(200);
  });
});

describe('GET /api/regions/{regionId}/interventions/{id}', () => {
  it('answers one intervention of the live version', async () => {
    const response = await get('/api/regions/sodertorn/interventions/sfi-07');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      regionId: 'sodertorn',
      version: 1,
      item: { id: 'sfi-07' },
    });
  });
});

describe('reads of a published version, kept warm', () => {
  it('a publish shows within a second on pages and items read before, and a cursor into the old version still pages', async () => {
    const nordost = portal.regions.find((r) => r.id === 'nordost')!;
    const generation = (n: number) =>
      Array.from({ length: 30 }, (_, i) =>
        makeIntervention(`nordost-${String(i).padStart(2, '0')}`, {
          title: { sv: `Praktik ${n}.${i}` },
          municipalities: ['0186'],
        }),
      );
    const publishGeneration = (n: number) =>
      publish(nordost.tableName, {
        items: generation(n),
        publishedBy: 'test',
        source: 'seed',
        counts: { added: 30, changed: 0, removed: 0, unchanged: 0 },
      });
    const firstPage = async () =>
      InterventionPageSchema.parse(await (await get('/api/regions/nordost/interventions?limit=10')).json());
    const oneItem = async () =>
      (await (await get('/api/regions/nordost/interventions/nordost-03')).json()) as {
        version: number;
        item: { title: { sv: string } };
      };

    // A publish shows within LIMITS.publicLiveMaxAgeMs (an instance reuses the pointer it read that
    // long); until then the previous version is answered whole, never a mix.
    const pageOfNewVersion = async (previous: Awaited<ReturnType<typeof firstPage>> | null) => {
      const published = Date.now();
      for (;;) {
        const page = await firstPage();
        if (page.version !== (previous?.version ?? null)) return page;
        expect(page.items).toEqual(previous?.items ?? []);
        expect(Date.now() - published).toBeLessThan(LIMITS.publicLiveMaxAgeMs + 1_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    await publishGeneration(1);
    const before = await pageOfNewVersion(null);
    expect((await firstPage()).items).toEqual(before.items); // read again: the same page
    expect((await oneItem()).item.title.sv).toBe('Praktik 1.3');
    expect((await oneItem()).item.title.sv).toBe('Praktik 1.3');

    await publishGeneration(2);
    const after = await pageOfNewVersion(before);
    expect(after.version).toBe(before.version! + 1);
    expect(after.items.map((item) => item.title.sv)).toContain('Praktik 2.0');
    expect(after.items.map((item) => item.title.sv).join()).not.toContain('Praktik 1.');
    expect(await oneItem()).toMatchObject({ version: after.version, item: { title: { sv: 'Praktik 2.3' } } });

    // The cursor of the page read before the publish continues in its own version.
    const older = InterventionPageSchema.parse(
      await (
        await get(
          `/api/regions/nordost/interventions?limit=10&cursor=${encodeURIComponent(before.nextCursor!)}`,
        )
      ).json(),
    );
    expect(older.version).toBe(before.version);
    expect(older.items[0]!.title.sv).toBe('Praktik 1.10');

    // Asked for fresh (`Cache-Control: no-cache`, as the admin pages ask after a change), a publish shows
    // at once, and the instance keeps the pointer it read for the other readers.
    await publishGeneration(3);
    const fresh = { headers: { 'cache-control': 'no-cache' } };
    const now = InterventionPageSchema.parse(
      await (await get('/api/regions/nordost/interventions?limit=10', fresh)).json(),
    );
    expect(now.version).toBe(after.version! + 1);
    expect(now.items[3]!.title.sv).toBe('Praktik 3.3');
    expect(await (await get('/api/regions/nordost/interventions/nordost-03', fresh)).json()).toMatchObject({
      version: now.version,
      item: { title: { sv: 'Praktik 3.3' } },
    });
    expect((await firstPage()).version).toBe(now.version);
    await publishGeneration(4);
    const reloaded = await get('/api/regions/nordost/interventions/nordost-03', {
      headers: { 'cache-control': 'max-age=0' },
    });
    expect(await reloaded.json()).toMatchObject({ item: { title: { sv: 'Praktik 4.3' } } });
  });
});

describe('Cache-Control on a public read', () => {
  it('only no-cache, no-store and max-age=0 ask for fresh; any other value is read as none, never an error', async () => {
    const { wantsFresh } = await import('../../functions/lib/http.ts');
    const asks = (value: string | undefined) =>
      wantsFresh({ headers: value === undefined ? {} : { 'cache-control': value } } as never);
    for (const value of ['no-cache', 'No-Cache', 'max-age=0', 'no-store', 'private, no-cache', 'no-cache ,x'])
      expect(asks(value), value).toBe(true);
    for (const value of [undefined, '', 'max-age=60', 'no-cachex', 'max-age=00', 'x'.repeat(5_000), 'public'])
      expect(asks(value), String(value).slice(0, 20)).toBe(false);
    const hostile = await get('/api/regions/nordost/interventions?limit=1', {
      headers: { 'cache-control': `no-cache${'\u00e5'.repeat(3_000)}` },
    });
    expect(hostile.status).toBe(200);
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document generated from the zod schemas, covering every route', async () => {
    const response = await get('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const { ROUTES } = await import('../../functions/routes.ts');
    for (const route of ROUTES) expect(doc.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    const op = doc.paths['/api/regions/{regionId}/interventions']!.get as {
      parameters: { name: string; schema: { maximum?: number } }[];
    };
    expect(op.parameters.find((p) => p.name === 'limit')!.schema.maximum).toBe(100);
  });
});

describe('unexpected failures', () => {
  it('become a 500 whose body carries no internals', () => {
    const result = errorResult(
      new Error('connect ECONNREFUSED 10.0.0.7:8000 at /var/task/index.js'),
      undefined,
    );
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|index\.js|stack/);
    expect(ErrorResponseSchema.parse(JSON.parse(result.body!)).error.code).toBe('internal');
  });

  it('a region store that cannot be reached answers a retryable 503, not a crash', async () => {
    const broken = await startPortal({
      seedDemo: false,
      regions: [{ ...portal.regions[0]!, tableName: 'table-that-does-not-exist' }],
    });
    try {
      // The table is created by startPortal; point the registry at a missing one afterwards.
      const { putRegions } = await import('../../functions/registry/store.ts');
      await putRegions([{ ...portal.regions[0]!, tableName: 'really-missing-table' }]);
      const response = await fetch(`${broken.url}/api/regions/${portal.regions[0]!.id}/interventions`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect(await response.text()).not.toMatch(/really-missing-table|ResourceNotFound/);
    } finally {
      await broken.close();
    }
  });
});
