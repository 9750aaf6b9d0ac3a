import { describe, expect, it } from 'vitest';
import { countItems } from '../../site/src/lib/catalogue-view.ts';
import {
  fetchNewerCatalogue,
  fetchNewerMunicipality,
  fetchRegionVersions,
  isRenderableIntervention,
} from '../../site/src/lib/live.ts';

const item = (id: string) => ({
  id,
  title: { sv: id },
  category: 'sfi',
  municipalities: ['0126'],
  languages: [],
  audiences: ['all'],
  delivery: 'on-site',
  provider: { name: 'Huddinge kommun', type: 'municipality' },
});

/** A fake API: pages of two items of the given version. */
function api(version: number, ids: string[], status = 200) {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const cursor = Number(new URL(url, 'http://x').searchParams.get('cursor') ?? 0);
    const page = ids.slice(cursor, cursor + 2).map(item);
    const nextCursor = cursor + 2 < ids.length ? String(cursor + 2) : null;
    return new Response(JSON.stringify({ regionId: 'r', version, items: page, nextCursor }), { status });
  };
  return { fetch, calls };
}

describe('fetchNewerCatalogue', () => {
  it('reads one page only when nothing newer is published', async () => {
    const { fetch, calls } = api(3, ['a', 'b', 'c']);
    expect(await fetchNewerCatalogue('sodertorn', 3, { fetch })).toBeUndefined();
    expect(calls).toEqual(['/api/regions/sodertorn/interventions?limit=100']);
  });

  it('reads every page of a newer version', async () => {
    const { fetch, calls } = api(4, ['a', 'b', 'c']);
    const fresh = await fetchNewerCatalogue('sodertorn', 3, { fetch });
    expect(fresh?.version).toBe(4);
    expect(fresh?.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toHaveLength(2);
  });

  it('treats a region with nothing published as nothing newer', async () => {
    const { fetch } = api(1, [], 404);
    expect(await fetchNewerCatalogue('goteborgsregionen', 0, { fetch })).toBeUndefined();
  });

  it('fails (and the page keeps its list) on an answer it cannot show', async () => {
    const fetch = async () =>
      new Response(JSON.stringify({ version: 9, items: [{ id: 'x' }], nextCursor: null }));
    await expect(fetchNewerCatalogue('sodertorn', 1, { fetch })).rejects.toThrow(/cannot be shown/);
    const broken = async () => new Response('<html>', { status: 502 });
    await expect(fetchNewerCatalogue('sodertorn', 1, { fetch: broken })).rejects.toThrow(/502/);
  });

  it('checks the fields rendering relies on', () => {
    expect(isRenderableIntervention(item('ok'))).toBe(true);
    expect(isRenderableIntervention({ ...item('x'), title: 'no' })).toBe(false);
    expect(isRenderableIntervention(null)).toBe(false);
  });
});

describe('municipality pages', () => {
  /** A fake portal: regions at the given versions; the search answers `items` (ids → municipalities) in pages of two. */
  function portal(versions: Record<string, number>, items: Record<string, string[]>) {
    const calls: string[] = [];
    const fetch = async (url: string) => {
      calls.push(url);
      if (url === '/api/regions') {
        const regions = Object.entries(versions).map(([id, version]) => ({
          id,
          catalogue: version ? { version, publishedAt: '2026-11-01T00:00:00Z', itemCount: 1 } : null,
        }));
        return new Response(JSON.stringify({ regions }));
      }
      const params = new URL(url, 'http://x').searchParams;
      const regionId = params.get('region')!;
      const cursor = Number(params.get('cursor') ?? 0);
      const all = Object.entries(items).map(([id, municipalities]) => ({
        ...item(id),
        municipalities,
        regionId,
        score: 0,
        reviewState: 'current',
      }));
      const page = all.slice(cursor, cursor + 2);
      const nextCursor = cursor + 2 < all.length ? String(cursor + 2) : null;
      return new Response(JSON.stringify({ total: all.length, results: page, nextCursor }));
    };
    return { fetch, calls };
  }

  it('asks one small question when no region with items there has published', async () => {
    const { fetch, calls } = portal({ r: 3, other: 9 }, {});
    await expect(fetchNewerMunicipality('0126', { r: 3 }, { fetch })).resolves.toBeUndefined();
    expect(calls).toEqual(['/api/regions']);
  });

  it("reads the region's items there when it has published, leaving out remote ones that do not name it", async () => {
    const { fetch, calls } = portal({ r: 4 }, { a: ['0126'], b: ['0120', '0126'], remote: ['0120'] });
    const items = await fetchNewerMunicipality('0126', { r: 3 }, { fetch });
    expect(items?.map((i) => [i.regionId, i.id])).toEqual([
      ['r', 'a'],
      ['r', 'b'],
    ]);
    expect(items?.[0]).not.toHaveProperty('score');
    expect(items?.[0]).not.toHaveProperty('reviewState'); // the listing decides with its own clock
    expect(calls).toEqual([
      '/api/regions',
      '/api/search?region=r&municipality=0126&limit=100',
      '/api/search?region=r&municipality=0126&limit=100&cursor=2',
    ]);
  });

  it('reads the items without asking for versions when forced (a review state changed since the build)', async () => {
    const { fetch, calls } = portal({ r: 3 }, { a: ['0126'] });
    const items = await fetchNewerMunicipality('0126', { r: 3 }, { fetch, force: true });
    expect(items?.map((i) => i.id)).toEqual(['a']);
    expect(calls).toEqual(['/api/search?region=r&municipality=0126&limit=100']);
  });

  it('treats a region that has unpublished everything as changed', async () => {
    const { fetch } = portal({ r: 0 }, {});
    await expect(fetchNewerMunicipality('0126', { r: 3 }, { fetch })).resolves.toEqual([]);
  });

  it('reads versions from the regions list, 0 for a region without a catalogue', async () => {
    const { fetch } = portal({ r: 4, s: 0 }, {});
    await expect(fetchRegionVersions({ fetch })).resolves.toEqual({ r: 4, s: 0 });
  });
});

describe('counts of a region', () => {
  it('counts per top-level category and per named municipality', () => {
    const items = [
      { category: 'arbete.praktik', municipalities: ['0126', '0120'] },
      { category: 'arbete', municipalities: ['0126'] },
      { category: 'sfi', municipalities: ['0120'] },
    ];
    expect(countItems(items)).toEqual({
      total: 3,
      category: { arbete: 2, sfi: 1 },
      municipality: { '0126': 2, '0120': 2 },
    });
  });
});
