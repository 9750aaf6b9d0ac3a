/**
 * Ranking between fields and between kinds of match, on small hand-made corpora modelled on the benchmark's
 * known-item queries that went wrong under a saturated BM25F sum (a description-only match scored ~88 % of
 * a title match): title matches clearly outrank description-only matches, the word typed outranks its
 * compound parts, completions, typos and inflections, and a name repeated in every translation of a title
 * counts once.
 */
import { describe, expect, it } from 'vitest';
import { type ItemSpec, region, search } from './helpers.ts';

/** Interventions elsewhere whose descriptions use the common words, so those are common outside titles. */
const background = (n: number): ItemSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `bg-${String(i).padStart(2, '0')}`,
    title: ['Språkcafé i Göteborg', 'Läxhjälp i Borås', 'Mentor i Lund', 'Studiebesök i Umeå'][i % 4]!,
    summary: { sv: 'Utbildning, studier och arbetsmarknad för nyanlända.' },
    description: { sv: 'Vi erbjuder utbildning och vägledning. Arbetsmarknad, utbildning och språk.' },
    category: 'fritid-forening',
  }));

const translated = (sv: string, en: string, ar: string) => ({ sv, en, ar });

describe('a title match clearly outranks a description-only match', () => {
  const index = region('r', [
    ...background(16),
    {
      id: 'relevant',
      title: 'Utbildning på distans i Stenungsund',
      description: { sv: 'Kurser för nyanlända i Stenungsund.' },
      category: 'utbildning',
    },
    {
      id: 'description-only',
      title: translated(
        'Rådgivning på distans i Stenungsund',
        'Counselling remotely in Stenungsund',
        'استشارة عن بعد في Stenungsund',
      ),
      description: { sv: 'Rådgivning om utbildning, studier och utbildning på distans.' },
      category: 'radgivning',
    },
    {
      id: 'summary-only',
      title: 'Hälsa på distans i Stenungsund',
      summary: { sv: 'Hälsa och utbildning.' },
      category: 'halsa',
    },
  ]);

  it('"stenungsund utbildning distans": the title holding all three words is first, well ahead', () => {
    const page = search(index, { q: 'stenungsund utbildning distans' });
    expect(page.results.map((r) => r.id)).toEqual(['relevant', 'description-only', 'summary-only']);
    const [first, second] = page.results;
    expect(first!.score).toBeGreaterThan(1.2 * second!.score);
  });

  it('one word alone: the title is worth more than the summary, the description and the category together', () => {
    const page = search(index, { q: 'utbildning' });
    expect(page.results[0]!.id).toBe('relevant');
    // Every other document has the word in its summary or description (twice, and the summary too, in the
    // background), none in its title.
    expect(page.results[0]!.score).toBeGreaterThan(2 * page.results[1]!.score);
  });
});

describe('the word typed outranks its compound parts, completions, typos and inflections', () => {
  const index = region('r', [
    ...background(12),
    {
      id: 'exact',
      title: 'Arbetsmarknadsutbildning för föräldrar i Klippan',
      category: 'arbete.arbetsmarknadsutbildning',
    },
    {
      id: 'compound-parts',
      title: translated(
        'Yrkesutbildning för föräldrar i Klippan',
        'Vocational training for parents in Klippan',
        'تدريب مهني للآباء في Klippan',
      ),
      summary: { sv: 'Utbildning för föräldrar i Klippan.' },
      description: { sv: 'Arbetsmarknad och utbildning: en utbildning nära arbetsmarknad.' },
      category: 'utbildning.yrkesutbildning',
    },
    {
      id: 'parts-in-title',
      title: 'Utbildning om arbetsmarknad för föräldrar i Klippan',
      category: 'utbildning',
    },
    { id: 'inflected', title: 'Arbetsmarknadsutbildningar för föräldrar i Klippan', category: 'arbete' },
    { id: 'typo', title: 'Arbetsmarknadsutbilding för föräldrar i Klippan', category: 'arbete' },
  ]);

  it('"arbetsmarknadsutbildning klippan föräldrar": the exact title is first', () => {
    const page = search(index, { q: 'arbetsmarknadsutbildning klippan föräldrar' });
    const ids = page.results.map((r) => r.id);
    expect(ids[0]).toBe('exact');
    expect(ids.slice(1).sort()).toEqual(['compound-parts', 'inflected', 'parts-in-title', 'typo']);
    expect(page.results[0]!.score).toBeGreaterThan(1.2 * page.results[1]!.score);
  });

  it('in the same field, every kind of expansion scores below the exact word', () => {
    const scores = new Map(
      search(index, { q: 'arbetsmarknadsutbildning' }).results.map((r) => [r.id, r.score]),
    );
    const exact = scores.get('exact')!;
    for (const id of ['inflected', 'typo', 'parts-in-title']) expect(scores.get(id)!).toBeLessThan(exact);
  });
});

describe('a common word in the title counts more than a rare one repeated in translations', () => {
  const index = region('r', [
    ...background(16),
    {
      id: 'relevant',
      title: translated(
        'Utbildning på distans i Mjölby',
        'Education remotely in Mjölby',
        'تعليم عن بعد في Mjölby',
      ),
      category: 'utbildning',
    },
    {
      id: 'relevant-sv',
      title: 'Utbildning dagtid i Mjölby',
      category: 'utbildning',
    },
    {
      id: 'description-only',
      title: translated(
        'Arbete för akademiker i Mjölby',
        'Work for academics in Mjölby',
        'عمل للأكاديميين في Mjölby',
      ),
      description: { sv: 'Utbildning och arbete för akademiker, utbildning på högskolenivå.' },
      category: 'arbete',
    },
    {
      id: 'summary-only',
      title: translated(
        'Hälsa för nybörjare i Mjölby',
        'Health for beginners in Mjölby',
        'صحة للمبتدئين في Mjölby',
      ),
      summary: { sv: 'Utbildning i hälsa.' },
      category: 'halsa',
    },
  ]);

  it('"mjölby utbildning": both titles with both words come first', () => {
    const ids = search(index, { q: 'mjölby utbildning' }).results.map((r) => r.id);
    expect(ids.slice(0, 2).sort()).toEqual(['relevant', 'relevant-sv']);
  });

  it('a town named in three translations of a title counts as once', () => {
    const scores = new Map(search(index, { q: 'mjölby' }).results.map((r) => [r.id, r.score]));
    // Same title length in words: the translated title's Mjölby is worth what the Swedish-only one's is, ± length.
    expect(scores.get('relevant')! / scores.get('relevant-sv')!).toBeLessThan(1.2);
  });
});

describe('stop words order the matches, never decide them', () => {
  const index = region('r', [
    ...background(8),
    { id: 'halsa', title: 'Hälsa för unga i Habo', category: 'halsa' },
    { id: 'trauma', title: 'Trauma och psykisk hälsa i Habo', category: 'halsa.trauma' },
    { id: 'inom', title: 'Praktik inom vård och omsorg i Sala', category: 'arbete.praktik' },
    { id: 'dagtid', title: 'Praktik dagtid i Sala', category: 'arbete.praktik' },
    { id: 'other', title: 'Mentor i Sala', description: { sv: 'Och inom kort.' }, category: 'radgivning' },
  ]);

  it('a title holding the stop word typed comes first', () => {
    expect(search(index, { q: 'hälsa och' }).results[0]!.id).toBe('trauma');
    expect(search(index, { q: 'hälsa' }).results[0]!.id).toBe('halsa');
    expect(search(index, { q: 'sala praktik inom' }).results.map((r) => r.id)).toEqual(['inom', 'dagtid']);
  });

  it('the same matches, totals and facets as without the stop words', () => {
    for (const [withStops, without] of [
      ['hälsa och', 'hälsa'],
      ['praktik inom sala', 'praktik sala'],
      ['inom sala med', 'sala'],
    ] as const) {
      const a = search(index, { q: withStops, limit: 50 });
      const b = search(index, { q: without, limit: 50 });
      expect(a.results.map((r) => r.id).sort()).toEqual(b.results.map((r) => r.id).sort());
      expect(a.total).toBe(b.total);
      expect(a.match).toBe(b.match);
      expect(a.facets).toEqual(b.facets);
    }
  });

  it('only stop words: they are the text, required and found in titles only', () => {
    const both = search(index, { q: 'och inom' });
    expect(both.match).toBe('all');
    // "other" has both words in its description only: stop words are indexed in titles.
    expect(both.results.map((r) => r.id)).toEqual(['inom']);
    expect(
      search(index, { q: 'och' })
        .results.map((r) => r.id)
        .sort(),
    ).toEqual(['inom', 'trauma']);
    // No title has both "för" and "inom": any of them, as for words.
    const either = search(index, { q: 'för inom' });
    expect(either.match).toBe('any');
    expect(either.results.map((r) => r.id).sort()).toEqual(['halsa', 'inom']);
  });

  it('a stop word is never a completion or a typo neighbour of another word', () => {
    // "inom" is in titles (as a stop word) but "ino" completes to nothing and "innom" finds nothing.
    expect(search(index, { q: 'ino' }).total).toBe(0);
    expect(search(index, { q: 'innom' }).total).toBe(0);
  });
});
