/**
 * The search answer cache gives exactly what recomputing would: reused for the same query over the same
 * index objects, never across a swapped region, never for another query, bounded in size.
 */
import { describe, expect, it } from 'vitest';
import { AnswerCache, generationOf, queryKey } from '../../functions/search/answer-cache.ts';
import { type RegionIndex, searchFederated } from '../../functions/search/engine/index.ts';
import { type SearchQuery, SearchQuerySchema } from '../../shared/search.ts';
import { region } from './helpers.ts';

const q = (params: Record<string, string>) => SearchQuerySchema.parse(params);

describe('search answer cache', () => {
  const a1 = region('a', [
    { id: 'sfi', title: 'SFI på kvällstid' },
    { id: 'praktik', title: 'Praktik i vården' },
  ]);
  const b1 = region('b', [{ id: 'sfi-b', title: 'SFI för föräldrar' }]);

  it('answers a repeated query from the cache with the very same page', () => {
    const cache = new AnswerCache();
    let computed = 0;
    const compute = (query: ReturnType<typeof q>) => () => {
      computed++;
      return searchFederated([a1, b1], query);
    };
    const first = cache.answer([a1, b1], q({ q: 'sfi' }), compute(q({ q: 'sfi' })));
    const again = cache.answer([a1, b1], q({ q: 'sfi', lang: 'ar' }), compute(q({ q: 'sfi' })));
    expect(again).toBe(first);
    expect(computed).toBe(1);
    expect(first.results.map((r) => r.id).sort()).toEqual(['sfi', 'sfi-b']);
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(1);
  });

  it('another query, filter, limit or cursor is another answer', () => {
    const variants: Record<string, string>[] = [
      { q: 'sfi' },
      { q: 'sfi', region: 'ab' },
      { q: 'sfi', limit: '5' },
      { q: 'sfi', free: 'true' },
      { q: 'praktik' },
      { q: 'sfi', cursor: 'abc' },
    ];
    const keys = new Set(variants.map((params) => queryKey(q(params))));
    expect(keys.size).toBe(6);
  });

  it('a region swapped in (a new index object, even of the same version) empties the cache', () => {
    const cache = new AnswerCache();
    const query = q({ q: 'sfi' });
    cache.answer([a1, b1], query, () => searchFederated([a1, b1], query));
    const a2 = region('a', [{ id: 'sfi-ny', title: 'SFI intensivkurs' }]);
    expect(generationOf([a2, b1])).not.toBe(generationOf([a1, b1]));
    const page = cache.answer([a2, b1], query, () => searchFederated([a2, b1], query));
    expect(page.results.map((r) => r.id).sort()).toEqual(['sfi-b', 'sfi-ny']);
    expect(cache.hits).toBe(0);
    expect(cache.size).toBe(1);
  });

  it('a region missing from the set (unavailable) is another generation', () => {
    expect(generationOf([a1])).not.toBe(generationOf([a1, b1]));
    expect(generationOf([a1, b1])).toBe(generationOf([a1, b1]));
  });

  it('keeps at most maxEntries answers, dropping the least recently used', () => {
    const cache = new AnswerCache(2);
    const run = (text: string) => {
      const query = q({ q: text });
      return cache.answer([a1], query, () => searchFederated([a1], query));
    };
    run('sfi');
    run('praktik');
    run('sfi'); // sfi is now the most recently used
    run('vården'); // drops praktik
    expect(cache.size).toBe(2);
    const hits = cache.hits;
    run('sfi');
    expect(cache.hits).toBe(hits + 1);
    run('praktik');
    expect(cache.hits).toBe(hits + 1);
  });

  it('a query that throws (a cursor of another query) keeps nothing', () => {
    const cache = new AnswerCache();
    const query = q({ q: 'sfi', cursor: 'bm90LWEtY3Vyc29y' });
    expect(() => cache.answer([a1], query, () => searchFederated([a1], query))).toThrow();
    expect(cache.size).toBe(0);
  });
});

describe('answers warmed before a swap', () => {
  const a1 = region('a', [
    { id: 'sfi', title: 'SFI på kvällstid' },
    { id: 'praktik', title: 'Praktik i vården' },
  ]);
  const b1 = region('b', [{ id: 'sfi-b', title: 'SFI för föräldrar' }]);
  const a2 = region('a', [{ id: 'sfi-ny', title: 'SFI intensivkurs' }], 2);
  const budget = { answers: 100, ms: 60_000 };
  const compute = (indexes: readonly RegionIndex[], query: SearchQuery) => searchFederated(indexes, query);
  const texts = ['sfi', 'kvällstid', 'vården', 'föräldrar'];

  function warmed(): AnswerCache {
    const cache = new AnswerCache();
    for (const text of texts) {
      const query = q({ q: text });
      cache.answer([a1, b1], query, () => searchFederated([a1, b1], query));
    }
    return cache;
  }

  it('the swap adopts answers computed over the next indexes: no request computes, and each equals recomputing', async () => {
    const cache = warmed();
    await cache.prepare(a2, compute, budget);
    expect(cache.prepares).toBe(texts.length);
    const misses = cache.misses;
    for (const text of texts) {
      const query = q({ q: text });
      const page = cache.answer([a2, b1], query, () => searchFederated([a2, b1], query));
      expect(page).toEqual(searchFederated([a2, b1], query));
    }
    expect(cache.misses).toBe(misses);
    expect(cache.adopted).toBe(1);
    expect(
      cache
        .answer([a2, b1], q({ q: 'sfi' }), () => searchFederated([a2, b1], q({ q: 'sfi' })))
        .results.map((r) => r.id)
        .sort(),
    ).toEqual(['sfi-b', 'sfi-ny']);
  });

  it('until the swap, the current answers are served as before, from the current indexes', async () => {
    const cache = warmed();
    await cache.prepare(a2, compute, budget);
    const query = q({ q: 'vården' });
    const page = cache.answer([a1, b1], query, () => {
      throw new Error('must be a cached answer');
    });
    expect(page.results.map((r) => r.id)).toEqual(['praktik']);
  });

  it('prepared answers are not used for another set of indexes than the one they were computed on', async () => {
    const cache = warmed();
    await cache.prepare(a2, compute, budget);
    const b2 = region('b', [{ id: 'praktik-b', title: 'Praktik i vården' }], 2);
    const query = q({ q: 'vården' });
    const page = cache.answer([a2, b2], query, () => searchFederated([a2, b2], query));
    expect(page.results.map((r) => r.id).sort()).toEqual(['praktik-b']);
    expect(cache.adopted).toBe(0);
    expect(cache.size).toBe(1);
  });

  it('keeps to the budget: the most recently used answers first, and no more than it allows', async () => {
    const cache = warmed();
    await cache.prepare(a2, compute, { answers: 2, ms: 60_000 });
    expect(cache.prepares).toBe(2);
    const misses = cache.misses;
    // 'vården' and 'föräldrar' were used last: prepared; 'sfi' was not.
    cache.answer([a2, b1], q({ q: 'föräldrar' }), () => searchFederated([a2, b1], q({ q: 'föräldrar' })));
    expect(cache.misses).toBe(misses);
    cache.answer([a2, b1], q({ q: 'sfi' }), () => searchFederated([a2, b1], q({ q: 'sfi' })));
    expect(cache.misses).toBe(misses + 1);

    let clock = 0;
    const slow = warmed();
    await slow.prepare(
      a2,
      (indexes, query) => {
        clock += 10;
        return searchFederated(indexes, query);
      },
      { answers: 100, ms: 15 },
      () => clock,
    );
    expect(slow.prepares).toBe(2); // at 0 and at 10 ms; at 20 ms the 15 ms were spent
  });

  it('does nothing for a region not searched yet, and skips an answer the next indexes refuse', async () => {
    const cache = warmed();
    await cache.prepare(region('c', [{ id: 'sfi-c', title: 'SFI' }]), compute, budget);
    expect(cache.prepares).toBe(0);

    await cache.prepare(
      a2,
      (indexes, query) => {
        if (query.q === 'kvällstid') throw new Error('a cursor of another query');
        return searchFederated(indexes, query);
      },
      budget,
    );
    expect(cache.prepares).toBe(texts.length - 1);
  });
});
