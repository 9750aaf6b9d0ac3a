import { describe, expect, it } from 'vitest';
import { searchFederated } from '../../functions/search/engine/index.ts';
import { SearchQuerySchema, SearchResponseSchema } from '../../shared/search.ts';
import { item, region } from './helpers.ts';

const parse = (params: Record<string, string>) => SearchQuerySchema.safeParse(params);

describe('SearchQuerySchema (GET /api/search parameters)', () => {
  it('applies the defaults: limit 20, UI language sv, no text', () => {
    expect(SearchQuerySchema.parse({})).toEqual({ limit: 20, lang: 'sv' });
  });

  it('reads every parameter from query-string text', () => {
    expect(
      SearchQuerySchema.parse({
        q: '  praktik i Huddinge ',
        region: 'sodertorn',
        municipality: '0126',
        category: 'arbete',
        language: 'ar',
        audience: 'women',
        delivery: 'remote',
        free: 'true',
        openToOtherMunicipalities: 'false',
        limit: '50',
        cursor: 'eyJ2IjoxfQ',
        lang: 'ar',
      }),
    ).toEqual({
      q: 'praktik i Huddinge',
      region: 'sodertorn',
      municipality: '0126',
      category: 'arbete',
      language: 'ar',
      audience: 'women',
      delivery: 'remote',
      free: true,
      openToOtherMunicipalities: false,
      limit: 50,
      cursor: 'eyJ2IjoxfQ',
      lang: 'ar',
    });
  });

  it('an empty or blank q means no text', () => {
    expect(SearchQuerySchema.parse({ q: '   ' }).q).toBeUndefined();
  });

  it('limit above 100 is an error, as are 0, fractions and words', () => {
    expect(parse({ limit: '100000' }).success).toBe(false);
    expect(parse({ limit: '101' }).success).toBe(false);
    expect(parse({ limit: '0' }).success).toBe(false);
    expect(parse({ limit: '2.5' }).success).toBe(false);
    expect(parse({ limit: 'many' }).success).toBe(false);
    expect(parse({ limit: '100' }).success).toBe(true);
  });

  it('a q longer than 200 characters is an error', () => {
    expect(parse({ q: 'a'.repeat(2000) }).success).toBe(false);
    expect(parse({ q: 'a'.repeat(200) }).success).toBe(true);
  });

  it('control characters in q are an error', () => {
    expect(parse({ q: 'praktik\u0000' }).success).toBe(false);
    expect(parse({ q: 'prak\ttik' }).success).toBe(false);
    expect(parse({ q: 'prak\u0085tik' }).success).toBe(false);
  });

  it('an unknown category, language, audience or delivery is an error', () => {
    expect(parse({ category: 'matlagning' }).success).toBe(false);
    expect(parse({ category: 'arbete.okänd' }).success).toBe(false);
    expect(parse({ language: 'klingon' }).success).toBe(false);
    expect(parse({ audience: 'everyone' }).success).toBe(false);
    expect(parse({ delivery: 'post' }).success).toBe(false);
    expect(parse({ category: 'arbete.praktik', language: 'prs' }).success).toBe(true);
  });

  it('a municipality must be an existing four-digit code', () => {
    expect(parse({ municipality: '0126' }).success).toBe(true);
    expect(parse({ municipality: '126' }).success).toBe(false);
    expect(parse({ municipality: '9999' }).success).toBe(false);
    expect(parse({ municipality: 'Huddinge' }).success).toBe(false);
  });

  it('free and openToOtherMunicipalities take exactly "true" or "false"', () => {
    expect(parse({ free: 'yes' }).success).toBe(false);
    expect(parse({ openToOtherMunicipalities: '1' }).success).toBe(false);
  });

  it('a region is a slug, a cursor base64url, lang a UI language', () => {
    expect(parse({ region: 'Södertörn' }).success).toBe(false);
    expect(parse({ cursor: 'not a cursor!' }).success).toBe(false);
    expect(parse({ lang: 'de' }).success).toBe(false);
  });

  it('unknown parameters are ignored', () => {
    const result = parse({ q: 'praktik', utm_source: 'newsletter', page: '3' });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ q: 'praktik', limit: 20, lang: 'sv' });
  });

  it('its output feeds the engine directly', () => {
    const index = region('sodertorn', [{ id: 'a', title: 'Praktik', lastReviewedAt: '2026-01-01' }]);
    const query = SearchQuerySchema.parse({ q: 'praktik', free: 'true', limit: '5' });
    expect(searchFederated([index], query).results.map((r) => r.id)).toEqual(['a']);
  });
});

describe('SearchResponseSchema', () => {
  it('accepts what the engine and the handler produce together', () => {
    const index = region('sodertorn', [{ id: 'a', title: 'Praktik' }]);
    const page = searchFederated([index], { q: 'praktik' });
    const response = {
      total: page.total,
      results: page.results.map((hit) => ({
        ...hit.item,
        regionId: hit.regionId,
        score: hit.score,
        reviewState: 'due' as const,
      })),
      facets: page.facets,
      regions: { sodertorn: { status: 'ok', version: 1 }, nordost: { status: 'unavailable', version: null } },
      nextCursor: page.nextCursor,
    };
    expect(SearchResponseSchema.parse(response)).toEqual(response);
  });

  it('refuses a result without its region or score', () => {
    const bad = {
      total: 1,
      results: [item({ id: 'a', title: 'Praktik' })],
      facets: { category: {}, language: {}, municipality: {}, region: {}, audience: {}, delivery: {} },
      regions: {},
      nextCursor: null,
    };
    expect(SearchResponseSchema.safeParse(bad).success).toBe(false);
  });
});
