import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../shared/geo.ts';
import { type InterventionInput, InterventionSchema } from '../../shared/intervention.ts';
import { CATEGORIES } from '../../shared/taxonomy.ts';
import type { RegionalItem } from '../../site/src/lib/catalogue-view.ts';
import {
  MUNICIPALITY_PAGE_SIZE,
  municipalityPageCount,
  municipalityPagePath,
  reviewListing,
} from '../../site/src/lib/listings.ts';
import { slugify } from '../../site/src/lib/slug.ts';
import { municipalitySlug, trimVocabulary, vocabulary } from '../../site/src/lib/vocabulary.ts';

describe('pages of a municipality', () => {
  it('have stable paths, the first without a number', () => {
    expect(municipalityPagePath('huddinge')).toBe('/kommuner/huddinge/');
    expect(municipalityPagePath('huddinge', 1)).toBe('/kommuner/huddinge/');
    expect(municipalityPagePath('upplands-vasby', 3)).toBe('/kommuner/upplands-vasby/3/');
  });

  it('are as many as the pagination of its categories makes, at least one', () => {
    const items = (category: string, n: number) => Array.from({ length: n }, () => ({ category }));
    expect(municipalityPageCount([])).toBe(1);
    expect(municipalityPageCount(items('sfi', MUNICIPALITY_PAGE_SIZE))).toBe(1);
    expect(municipalityPageCount(items('sfi', MUNICIPALITY_PAGE_SIZE + 1))).toBe(2);
    // A category that does not fit on a half-full page starts the next one.
    expect(municipalityPageCount([...items('sfi', 3), ...items('arbete.praktik', 3)], 4)).toBe(2);
    expect(municipalityPageCount([...items('sfi', 1), ...items('arbete', 4)], 4)).toBe(2);
    expect(municipalityPageCount([...items('sfi', 2), ...items('arbete', 2)], 4)).toBe(1);
  });
});

describe('municipality page paths', () => {
  it.each([
    ['Upplands Väsby', 'upplands-vasby'],
    ['Malung-Sälen', 'malung-salen'],
    ['Göteborg', 'goteborg'],
    ['Örnsköldsvik', 'ornskoldsvik'],
    [' Åre ', 'are'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('are unique and ASCII for all 290 municipalities (Håbo and Habo keep their codes)', () => {
    const slugs = MUNICIPALITIES.map((m) => municipalitySlug(m.code));
    expect(new Set(slugs).size).toBe(290);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(municipalitySlug('0305')).toBe('habo-0305');
    expect(municipalitySlug('0643')).toBe('habo-0643');
    expect(municipalitySlug('0126')).toBe('huddinge');
  });
});

describe('the vocabulary handed to islands', () => {
  it('labels every category, audience, delivery form and language in the visitor language', () => {
    const vocab = vocabulary('ar', {
      municipalityPages: ['0126'],
      regions: { sodertorn: 'Etablering Södertörn' },
    });
    expect(Object.keys(vocab.categories)).toEqual(CATEGORIES.map((c) => c.code));
    expect(vocab.categories['sfi']).toBe('اللغة السويدية للمهاجرين (SFI)');
    expect(vocab.delivery['remote']).toMatch(/[\u0600-\u06FF]/);
    expect(vocab.languages['so']).toBe('الصومالية');
    expect(vocab.municipalities['0126']).toBe('Huddinge');
    expect(vocab.municipalityPages).toEqual({ '0126': 'huddinge' });
  });

  it('is trimmed, for a listing island, to what an entry shows and the municipalities it can name', () => {
    const vocab = vocabulary('sv', { municipalityPages: ['0126', '0180'], regions: { r: 'R' } });
    const trimmed = trimVocabulary(vocab, ['0126', '0120']);
    expect(trimmed.municipalities).toEqual({ '0126': 'Huddinge', '0120': 'Värmdö' });
    expect(trimmed).toMatchObject({ municipalityPages: {}, providerTypes: {}, regions: {} });
    expect(trimmed.categories).toBe(vocab.categories);
  });

  it("carries the regions' review intervals, trimmed to the regions a page lists", () => {
    const vocab = vocabulary('sv', {
      municipalityPages: [],
      regions: { r: 'R', s: 'S' },
      reviewIntervals: { r: 30, s: 180 },
    });
    expect(vocab.reviewIntervals).toEqual({ r: 30, s: 180 });
    expect(trimVocabulary(vocab, [], ['r', 'x']).reviewIntervals).toEqual({ r: 30 });
    expect(trimVocabulary(vocab, []).reviewIntervals).toEqual({ r: 30, s: 180 });
    expect(vocabulary('sv', { municipalityPages: [], regions: { r: 'R' } }).reviewIntervals).toEqual({});
  });
});

describe('listings and the review routine (hidden items left out at the build)', () => {
  const DAY = 86_400_000;
  const item = (input: Partial<InterventionInput> & Pick<InterventionInput, 'id'>): RegionalItem => ({
    ...InterventionSchema.parse({
      title: { sv: `Insats ${input.id}` },
      category: 'sfi',
      municipalities: ['0126'],
      provider: { name: 'Huddinge kommun', type: 'municipality' },
      ...input,
    }),
    regionId: 'sodertorn',
  });
  // Hidden after 2 × 90 + 30 = 210 days (default interval), overdue after 120.
  const R = Date.parse('2026-01-01T00:00:00Z');
  const HIDDEN_AT = R + 210 * DAY;
  const items = [
    item({ id: 'old', lastReviewedAt: '2026-01-01', category: 'arbete' }),
    item({ id: 'newer', lastReviewedAt: '2026-03-01' }),
    item({ id: 'never' }),
  ];

  it('keeps an item at exactly its hiding instant and leaves it out one millisecond later', () => {
    const at = reviewListing(items, HIDDEN_AT, {});
    expect(at.items.map((i) => i.id)).toEqual(['old', 'newer', 'never']);
    expect(at.hidden).toEqual([]);
    expect(at.reviewChangeAt).toBe(HIDDEN_AT + 1);

    const after = reviewListing(items, HIDDEN_AT + 1, {});
    expect(after.items.map((i) => i.id)).toEqual(['newer', 'never']);
    expect(after.hidden.map((i) => i.id)).toEqual(['old']);
    // 'newer' is overdue already; next it becomes hidden (2026-03-01 + 210 days), one millisecond after.
    expect(after.reviewChangeAt).toBe(Date.parse('2026-03-01T00:00:00Z') + 210 * DAY + 1);
  });

  it("uses the region's interval (30 days: hidden after 90)", () => {
    expect(reviewListing(items, R + 90 * DAY, { sodertorn: 30 }).hidden).toEqual([]);
    expect(reviewListing(items, R + 90 * DAY + 1, { sodertorn: 30 }).hidden.map((i) => i.id)).toEqual([
      'old',
    ]);
  });

  it('counts and pages follow: the hidden item is not counted', () => {
    const after = reviewListing(items, HIDDEN_AT + 1, {});
    expect(municipalityPageCount(after.items, 2)).toBe(1);
    expect(municipalityPageCount(items, 2)).toBe(2);
  });

  it('has no next change when nothing left can change (never confirmed)', () => {
    expect(reviewListing([item({ id: 'never' })], R, {}).reviewChangeAt).toBeUndefined();
  });
});
