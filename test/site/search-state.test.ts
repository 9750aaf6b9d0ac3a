import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  EMPTY_SEARCH,
  normalizeQuery,
  parseSearchState,
  type SearchState,
  sameSearch,
  searchApiUrl,
  serializeSearchState,
  toggleFilter,
  withFilter,
  withoutFilter,
} from '../../site/src/lib/search-state.ts';

describe('the search state in the URL', () => {
  it.each([
    ['', EMPTY_SEARCH],
    ['?q=svenska', { q: 'svenska', free: false }],
    ['?q=sfi&municipality=0126&free=true', { q: 'sfi', municipality: '0126', free: true }],
    [
      '?category=arbete.praktik&language=ar&audience=women&delivery=remote&region=sodertorn',
      {
        q: '',
        free: false,
        category: 'arbete.praktik',
        language: 'ar',
        audience: 'women',
        delivery: 'remote',
        region: 'sodertorn',
      },
    ],
  ] as [string, SearchState][])('%s reads as a state and writes back the same', (query, state) => {
    expect(parseSearchState(query)).toEqual(state);
    expect(serializeSearchState(state)).toBe(query);
  });

  it('writes a stable URL whatever order the state was built in', () => {
    const a = withFilter(
      withFilter({ ...EMPTY_SEARCH, q: 'kurs' }, 'language', 'so'),
      'municipality',
      '0120',
    );
    const b = withFilter(
      withFilter({ ...EMPTY_SEARCH, q: 'kurs' }, 'municipality', '0120'),
      'language',
      'so',
    );
    expect(serializeSearchState(a)).toBe('?q=kurs&municipality=0120&language=so');
    expect(sameSearch(a, b)).toBe(true);
  });

  it('encodes text for a URL that survives an SMS and decodes it back', () => {
    const state = { ...EMPTY_SEARCH, q: 'svenska & föräldrar/barn #1 ?' };
    const query = serializeSearchState(state);
    expect(query).toBe('?q=svenska+%26+f%C3%B6r%C3%A4ldrar%2Fbarn+%231+%3F');
    expect(parseSearchState(query)).toEqual(state);
    expect(parseSearchState(new URLSearchParams(query.slice(1)))).toEqual(state);
  });

  it('collapses whitespace and cuts text at the API limit', () => {
    expect(normalizeQuery('  svenska   för\tnybörjare \n')).toBe('svenska för nybörjare');
    expect(normalizeQuery('x'.repeat(500))).toHaveLength(200);
    expect(serializeSearchState({ ...EMPTY_SEARCH, q: '   ' })).toBe('');
  });

  it('drops malformed values instead of failing, and ignores unknown parameters', () => {
    expect(
      parseSearchState(
        '?municipality=126&category=<script>&language=arabic&delivery=teleport&free=yes&region=Söder&utm_source=sms',
      ),
    ).toEqual(EMPTY_SEARCH);
  });

  it('drops values the site does not know when it is told which it knows', () => {
    const known = { municipality: new Set(['0126']), category: new Set(['sfi']) };
    expect(parseSearchState('?municipality=9999&category=sfi', known)).toEqual({
      ...EMPTY_SEARCH,
      category: 'sfi',
    });
  });

  it('keeps the first value when a parameter is repeated', () => {
    expect(parseSearchState('?municipality=0126&municipality=0120').municipality).toBe('0126');
  });
});

describe('filters', () => {
  const base: SearchState = { q: 'praktik', municipality: '0126', free: true };

  it('toggles a chip on and off', () => {
    const on = toggleFilter(base, 'category', 'arbete');
    expect(on.category).toBe('arbete');
    expect(toggleFilter(on, 'category', 'arbete')).toEqual(base);
    expect(toggleFilter(base, 'municipality', '0120').municipality).toBe('0120');
  });

  it('lists the active filters in URL order and removes each, the text query untouched', () => {
    const state = withFilter(base, 'language', 'ti');
    const active = activeFilters(state);
    expect(active).toEqual([
      { key: 'municipality', value: '0126' },
      { key: 'language', value: 'ti' },
      { key: 'free', value: 'true' },
    ]);
    expect(withoutFilter(state, active[2]!)).toEqual({ ...state, free: false });
    expect(withoutFilter(state, active[0]!)).toEqual({ q: 'praktik', language: 'ti', free: true });
  });

  it('never changes the state it was given', () => {
    const frozen = Object.freeze({ ...base });
    withFilter(frozen, 'category', 'sfi');
    toggleFilter(frozen, 'municipality', '0126');
    expect(frozen).toEqual(base);
  });
});

describe('the API request', () => {
  it('asks GET /api/search with the same parameters, a page size, the cursor and the UI language', () => {
    expect(searchApiUrl(base(), { lang: 'ar' })).toBe(
      '/api/search?q=sfi&municipality=0126&free=true&limit=20&lang=ar',
    );
    expect(searchApiUrl(EMPTY_SEARCH, { lang: 'sv', cursor: 'abc_-1', limit: 5 })).toBe(
      '/api/search?limit=5&cursor=abc_-1&lang=sv',
    );
  });

  function base(): SearchState {
    return { q: ' sfi ', municipality: '0126', free: true };
  }
});
