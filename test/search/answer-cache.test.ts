/**
 * The search answer cache gives exactly what recomputing would: reused for the same query over the same
 * index objects, never across a swapped region, never for another query, bounded in size.
 */
import { describe, expect, it } from 'vitest';
import { AnswerCache, generationOf, queryKey } from '../../functions/search/answer-cache.ts';
import { searchFederated } from '../../functions/search/engine/index.ts';
import { SearchQuerySchema } from '../../shared/search.ts';
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
