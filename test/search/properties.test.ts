import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRegionIndex, combineStats, searchFederated } from '../../functions/search/engine/index.ts';
import { decodeRegionIndex, encodeRegionIndex } from '../../functions/search/engine/index-codec.ts';
import { type Intervention, InterventionSchema } from '../../shared/intervention.ts';
import type { SearchQuery } from '../../shared/search.ts';
import { AUDIENCE_CODES, CATEGORY_CODES, DELIVERY_CODES } from '../../shared/taxonomy.ts';
import { region } from './helpers.ts';

/** Words with Swedish letters, inflections, compounds, abbreviations, Arabic and Cyrillic. */
const WORDS = [
  'praktik',
  'praktiken',
  'praktikplats',
  'praktikplatser',
  'svenska',
  'för',
  'invandrare',
  'sfi',
  'so',
  'samhällsorientering',
  'samhallsorientering',
  'hälsa',
  'halsa',
  'vägledning',
  'kurs',
  'kurser',
  'kvinnor',
  'unga',
  'föräldrar',
  'arbetsförmedlingen',
  'af',
  'cykel',
  'simning',
  'matlagning',
  'läxhjälp',
  'och',
  'i',
  'التدريب',
  'العملي',
  'الصحة',
  'مهارات',
  'мовна',
  'підтримка',
  'work',
  'placement',
];
const MUNICIPALITIES = ['0126', '0136', '0162', '0160', '1480', '2580'];
const LANGUAGES = ['sv', 'ar', 'fa', 'so', 'uk', 'en'] as const;
const DATES = ['2025-11-01', '2026-01-15', '2026-01-15T10:00:00Z', '2026-03-01'];

const text = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

const itemFields = fc.record({
  title: text(1, 4),
  titleAr: fc.option(text(1, 3), { nil: undefined }),
  summary: fc.option(text(1, 8), { nil: undefined }),
  description: fc.option(text(1, 20), { nil: undefined }),
  category: fc.constantFrom(...CATEGORY_CODES),
  municipalities: fc.uniqueArray(fc.constantFrom(...MUNICIPALITIES), { minLength: 1, maxLength: 3 }),
  languages: fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: 3 }),
  audiences: fc.uniqueArray(fc.constantFrom(...AUDIENCE_CODES), { minLength: 1, maxLength: 2 }),
  delivery: fc.constantFrom(...DELIVERY_CODES),
  free: fc.boolean(),
  open: fc.option(fc.boolean(), { nil: undefined }),
  provider: fc.constantFrom('Kommunen', 'Arbetsförmedlingen', 'Röda Korset'),
  reviewed: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
  region: fc.integer({ min: 0, max: 3 }),
});
type Fields = typeof itemFields extends fc.Arbitrary<infer T> ? T : never;

const REGIONS = ['ra', 'rb', 'rc', 'rd'];

function toItem(fields: Fields, n: number): Intervention {
  return InterventionSchema.parse({
    // Ids start with the region id: ordering by (region, id) equals ordering by id in the merged index.
    id: `${REGIONS[fields.region]}-${String(n).padStart(3, '0')}`,
    title: fields.titleAr ? { sv: fields.title, ar: fields.titleAr } : { sv: fields.title },
    summary: fields.summary ? { sv: fields.summary } : undefined,
    description: fields.description ? { sv: fields.description } : undefined,
    category: fields.category,
    municipalities: fields.municipalities,
    languages: fields.languages,
    audiences: fields.audiences,
    delivery: fields.delivery,
    provider: { name: fields.provider, type: 'municipality' },
    cost: fields.free ? { free: true } : { free: false, amountSek: 100 },
    interMunicipal: fields.open === undefined ? undefined : { open: fields.open },
    lastReviewedAt: fields.reviewed,
  });
}

/** A query: words (possibly cut to a prefix or given a typo), and up to two filters (never region). */
const FILTERS: fc.Arbitrary<Partial<SearchQuery>>[] = [
  fc.constantFrom(...MUNICIPALITIES).map((municipality) => ({ municipality })),
  fc.constantFrom('arbete', 'sfi', 'halsa', 'arbete.praktik', 'radgivning').map((category) => ({ category })),
  fc.constantFrom(...LANGUAGES).map((language) => ({ language })),
  fc.constantFrom(...AUDIENCE_CODES).map((audience) => ({ audience })),
  fc.constantFrom(...DELIVERY_CODES).map((delivery) => ({ delivery })),
  fc.boolean().map((free) => ({ free })),
  fc.boolean().map((openToOtherMunicipalities) => ({ openToOtherMunicipalities })),
];
const queryArb: fc.Arbitrary<Partial<SearchQuery>> = fc
  .tuple(
    fc.oneof(
      fc.constant(undefined),
      text(1, 3),
      fc.constantFrom(...WORDS).map((w) => w.slice(0, 3 + (w.length % 3))),
      fc.tuple(fc.constantFrom(...WORDS), fc.nat()).map(([w, i]) => {
        const at = i % Math.max(1, w.length);
        return w.slice(0, at) + w.slice(at + 1); // one deletion
      }),
    ),
    fc.array(fc.oneof(...FILTERS), { maxLength: 2 }),
    fc.integer({ min: 1, max: 30 }),
  )
  .map(([q, filters, limit]) => Object.assign({ q, limit }, ...filters));

const corpusArb = fc.array(itemFields, { minLength: 1, maxLength: 40 });

describe('federated search equals one merged index', () => {
  it('same ids in the same order, same scores, same totals and facets', () => {
    fc.assert(
      fc.property(corpusArb, fc.array(queryArb, { minLength: 1, maxLength: 6 }), (fields, queries) => {
        const items = fields.map(toItem);
        const byRegion = REGIONS.map((id) => ({
          id,
          items: items.filter((item) => item.id.startsWith(`${id}-`)),
        })).filter((r) => r.items.length > 0);
        const federated = byRegion.map((r) => buildRegionIndex(r.id, 1, r.items));
        const merged = [buildRegionIndex('merged', 1, items)];
        const stats = combineStats(federated);
        for (const query of queries) {
          const a = searchFederated(federated, query, { stats });
          const b = searchFederated(merged, query);
          expect(a.results.map((r) => r.id)).toEqual(b.results.map((r) => r.id));
          a.results.forEach((hit, i) => {
            expect(Math.abs(hit.score - b.results[i]!.score)).toBeLessThanOrEqual(1e-9);
          });
          expect(a.total).toBe(b.total);
          expect(a.match).toBe(b.match);
          const { region: _a, ...facetsA } = a.facets;
          const { region: _b, ...facetsB } = b.facets;
          expect(facetsA).toEqual(facetsB);
          expect(a.nextCursor === null).toBe(b.nextCursor === null);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a score does not depend on which region holds the intervention', () => {
    fc.assert(
      fc.property(corpusArb, text(1, 2), (fields, q) => {
        const items = fields.map(toItem);
        const one = [buildRegionIndex('ra', 1, items)];
        // The same items, each in its own region.
        const many = items.map((item, i) => buildRegionIndex(`r${String(i).padStart(3, '0')}`, 1, [item]));
        const score = (hits: { id: string; score: number }[]) => new Map(hits.map((h) => [h.id, h.score]));
        const a = score(searchFederated(one, { q, limit: 100 }).results);
        const b = score(searchFederated(many, { q, limit: 100 }).results);
        expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
        for (const [id, s] of a) expect(Math.abs(s - b.get(id)!)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the index stored at publish', () => {
  it('read back, it is the index built from the items, and answers every query the same', () => {
    fc.assert(
      fc.property(corpusArb, fc.array(queryArb, { minLength: 1, maxLength: 4 }), (fields, queries) => {
        const items = fields.map(toItem);
        const built = buildRegionIndex('ra', 7, items);
        const read = decodeRegionIndex(encodeRegionIndex(built), 'ra', 7, items);
        expect(read).toStrictEqual(built);
        for (const query of queries)
          expect(searchFederated([read!], query)).toEqual(searchFederated([built], query));
      }),
      { numRuns: 60 },
    );
  });
});

describe('facet counts', () => {
  it('selecting a facet value gives the count the facet showed', () => {
    fc.assert(
      fc.property(corpusArb, queryArb, (fields, query) => {
        const items = fields.map(toItem);
        const indexes = REGIONS.map((id) => items.filter((item) => item.id.startsWith(`${id}-`))).map(
          (list, i) => buildRegionIndex(REGIONS[i]!, 1, list),
        );
        const page = searchFederated(indexes, query);
        const check = (
          field: 'category' | 'language' | 'municipality' | 'audience' | 'delivery' | 'region',
        ) => {
          for (const [value, count] of Object.entries(page.facets[field])) {
            expect(searchFederated(indexes, { ...query, [field]: value }).total).toBe(count);
          }
        };
        check('category');
        check('language');
        check('municipality');
        check('audience');
        check('delivery');
        check('region');
      }),
      { numRuns: 40 },
    );
  });
});

describe('bad input never throws', () => {
  const indexes = [
    region('ra', [
      { id: 'a', title: 'Praktik för unga', description: { sv: 'Svenska för invandrare.' } },
      { id: 'b', title: { sv: 'Hälsa', ar: 'الصحة', uk: 'Здоров’я' }, category: 'halsa' },
    ]),
    region('rb', [{ id: 'c', title: 'Samhällsorientering', category: 'samhallsorientering' }]),
  ];

  it('any string as q', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 3000 }), fc.string({ maxLength: 300 })),
        (q) => {
          const page = searchFederated(indexes, { q, limit: 5 });
          expect(page.results.length).toBeLessThanOrEqual(5);
          expect(page.total).toBeGreaterThanOrEqual(page.results.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('odd strings: huge, many terms, marks only, control characters, lone surrogates', () => {
    const odd = [
      'a'.repeat(100_000),
      Array.from({ length: 5000 }, (_, i) => `ord${i}`).join(' '),
      '\u0301\u0308\u030a'.repeat(50),
      '\u0000\u0001\u001f\u007f',
      '\ud800 \udfff',
      'ـــــ',
      'praktik '.repeat(1000),
      '%00 <script> OR 1=1 -- ; DROP',
    ];
    for (const q of odd) expect(() => searchFederated(indexes, { q })).not.toThrow();
  });

  it('unknown filter values match nothing instead of throwing', () => {
    const query = {
      category: 'nope',
      language: 'xx',
      audience: 'aliens',
      delivery: 'teleport',
      municipality: '9999',
    };
    expect(searchFederated(indexes, query as never).total).toBe(0);
    expect(searchFederated([], { q: 'praktik' }).total).toBe(0);
  });
});
