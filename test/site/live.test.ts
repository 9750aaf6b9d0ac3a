import { describe, expect, it } from 'vitest';
import { fetchNewerCatalogue, isRenderableIntervention } from '../../site/src/lib/live.ts';

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
