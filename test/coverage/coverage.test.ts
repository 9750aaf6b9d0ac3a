/**
 * The coverage matrix against hand-computed numbers (fixtures.ts draws the two regions and their items).
 * Pure functions: no store, no HTTP.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeCoverage, type RegionSnapshot } from '../../functions/coverage/coverage.ts';
import { MUNICIPALITIES, municipalitiesInCounty } from '../../shared/geo.ts';
import { reviewState } from '../../shared/review.ts';
import { TOP_LEVEL_CATEGORIES } from '../../shared/taxonomy.ts';
import { makeIntervention } from '../support/embedded.ts';
import { ITEMS_A, ITEMS_B, itemsA, itemsB, NOW, REGION_A, REGION_B } from './fixtures.ts';

const publishedAt = new Date(NOW.getTime() - 3 * 86_400_000 - 3_600_000).toISOString();
const snapshots: RegionSnapshot[] = [
  { region: REGION_A, status: 'ok', pointer: { version: 2, publishedAt }, items: ITEMS_A },
  { region: REGION_B, status: 'ok', pointer: { version: 7, publishedAt }, items: ITEMS_B },
];
const zeros = Object.fromEntries(TOP_LEVEL_CATEGORIES.map((c) => [c.code, 0]));
const row = (answer: ReturnType<typeof computeCoverage>, code: string) =>
  answer.municipalities.find((m) => m.code === code)!;

describe('coverage per municipality (two regions sharing Haninge)', () => {
  const answer = computeCoverage({ snapshots, filters: { county: '01' }, now: NOW });

  it('Huddinge: a1 (sfi) and a2 (hybrid samhällsorientering); the remote a4 only in `remote`', () => {
    expect(row(answer, '0126')).toEqual({
      code: '0126',
      name: 'Huddinge',
      county: '01',
      total: 2,
      categories: { ...zeros, sfi: 1, samhallsorientering: 1 },
      languages: { sv: 1, ar: 2, so: 1 },
      remote: 1,
      stale: 0,
      newcomers: null,
      perHundredNewcomers: null,
    });
  });

  it('Haninge, shared: a1 + a3 from region A and b1 + b2 from region B, each counted once', () => {
    expect(row(answer, '0136')).toMatchObject({
      total: 4,
      categories: { ...zeros, sfi: 2, arbete: 1, halsa: 1 },
      languages: { sv: 3, ar: 2, uk: 1 },
      remote: 1,
    });
  });

  it('Tyresö: b2 on site; a4 and b3 are remote offers listing it', () => {
    expect(row(answer, '0138')).toMatchObject({
      total: 1,
      categories: { ...zeros, halsa: 1 },
      languages: { ar: 1 },
      remote: 2,
    });
  });

  it('Stockholm: nothing on site, one remote offer (b3); every other municipality of the county is zero', () => {
    expect(row(answer, '0180')).toMatchObject({ total: 0, categories: zeros, languages: {}, remote: 1 });
    const others = answer.municipalities.filter((m) => !['0126', '0136', '0138', '0180'].includes(m.code));
    expect(others).toHaveLength(22);
    for (const m of others)
      expect(m).toMatchObject({ total: 0, categories: zeros, languages: {}, remote: 0 });
  });

  it('counts each remote offer once, and totals distinct interventions in scope (b4 is in another county)', () => {
    expect(answer.remote).toEqual({
      total: 2,
      categories: { sfi: 1, samhallsorientering: 1 },
      languages: { sv: 1, ti: 1, ar: 1 },
    });
    expect(answer.totals).toEqual({ interventions: 7, onSite: 5, remote: 2, stale: 0 });
    // ar: a1 a2 b2 b3; sv: a1 a3 a4 b1; so: a2; ti: a4; uk: b1 — most offered first, ties by code.
    expect(answer.languages).toEqual(['ar', 'sv', 'so', 'ti', 'uk']);
  });

  it('regions: item counts, review within 90 days, recommended fields, days since publishing', () => {
    expect(answer.regions).toEqual([
      {
        id: 'region-a',
        name: 'Region A',
        county: ['01'],
        status: 'ok',
        version: 2,
        publishedAt,
        daysSinceLastPublish: 3,
        itemCount: 4,
        remoteCount: 1,
        reviewed: { count: 2, share: 0.5 },
        reviewIntervalDays: 90,
        staleItems: 0,
        staleShare: 0,
        fields: { summary: 0.5, contact: 0.25, dates: 0.25, translations: 0.25 },
      },
      {
        id: 'region-b',
        name: 'Region B',
        county: ['01'],
        status: 'ok',
        version: 7,
        publishedAt,
        daysSinceLastPublish: 3,
        itemCount: 4,
        remoteCount: 1,
        reviewed: { count: 1, share: 0.25 },
        reviewIntervalDays: 90,
        staleItems: 0,
        staleShare: 0,
        fields: { summary: 0, contact: 0.25, dates: 0.25, translations: 0.25 },
      },
    ]);
  });
});

describe('gaps in a county', () => {
  const answer = computeCoverage({ snapshots, filters: { county: '01' }, now: NOW });

  it('required categories missing on site, saying whether a remote offer reaches the municipality', () => {
    const gaps = answer.gaps.municipalities;
    expect(answer.gaps.requiredCategories).toEqual(['sfi', 'samhallsorientering']);
    expect(gaps.filter((g) => g.code === '0126')).toEqual([]);
    expect(gaps.filter((g) => g.code === '0136')).toEqual([
      { code: '0136', name: 'Haninge', category: 'samhallsorientering', remoteOffers: 0 },
    ]);
    expect(gaps.filter((g) => g.code === '0138')).toEqual([
      { code: '0138', name: 'Tyresö', category: 'sfi', remoteOffers: 1 },
      { code: '0138', name: 'Tyresö', category: 'samhallsorientering', remoteOffers: 1 },
    ]);
    expect(gaps.filter((g) => g.code === '0180').map((g) => [g.category, g.remoteOffers])).toEqual([
      ['sfi', 0],
      ['samhallsorientering', 1],
    ]);
    // 22 untouched municipalities × 2 + Haninge 1 + Tyresö 2 + Stockholm 2.
    expect(gaps).toHaveLength(49);
  });

  it('category × language combinations offered nowhere in the county (remote offers count as offered)', () => {
    const missing = new Set(answer.gaps.categoryLanguages.map((g) => `${g.category}/${g.language}`));
    // sfi is offered in sv, ar (a1), ti (a4, remote), uk (b1).
    for (const lang of ['sv', 'ar', 'ti', 'uk']) expect(missing.has(`sfi/${lang}`)).toBe(false);
    for (const lang of ['en', 'prs', 'fa', 'so']) expect(missing.has(`sfi/${lang}`)).toBe(true);
    // samhällsorientering in ar, so (a2) and ar (b3, remote).
    expect(missing.has('samhallsorientering/so')).toBe(false);
    expect(missing.has('samhallsorientering/sv')).toBe(true);
    // boende is offered in Göteborg only (b4): nowhere in Stockholms län.
    expect(missing.has('boende/sv')).toBe(true);
    expect(answer.gaps.languages).toEqual(['sv', 'en', 'ar', 'prs', 'fa', 'so', 'ti', 'uk']);
    // sfi 4 + samhällsorientering 6 + arbete 7 + hälsa 7 + six categories with nothing × 8.
    expect(answer.gaps.categoryLanguages).toHaveLength(72);
  });
});

describe('scope and filters', () => {
  it('without a county: all 290 municipalities, each once, including those with nothing', () => {
    const answer = computeCoverage({ snapshots, now: NOW });
    expect(answer.municipalities).toHaveLength(290);
    expect(new Set(answer.municipalities.map((m) => m.code))).toEqual(
      new Set(MUNICIPALITIES.map((m) => m.code)),
    );
    expect(row(answer, '1480')).toMatchObject({ total: 1, categories: { boende: 1 } });
    expect(answer.municipalities.filter((m) => m.total === 0)).toHaveLength(286);
    expect(answer.totals).toEqual({ interventions: 8, onSite: 6, remote: 2, stale: 0 });
  });

  it('a county: exactly its municipalities; regions of that county only', () => {
    const answer = computeCoverage({ snapshots, filters: { county: '14' }, now: NOW });
    expect(answer.municipalities.map((m) => m.code).sort()).toEqual(
      municipalitiesInCounty('14')
        .map((m) => m.code)
        .sort(),
    );
    expect(answer.regions).toEqual([]);
    expect(row(answer, '1480').total).toBe(1);
  });

  it('a region: only its interventions count', () => {
    const answer = computeCoverage({ snapshots, filters: { county: '01', region: 'region-b' }, now: NOW });
    expect(row(answer, '0136')).toMatchObject({ total: 2, categories: { sfi: 1, halsa: 1 } });
    expect(row(answer, '0126')).toMatchObject({ total: 0, remote: 0 });
    expect(answer.regions.map((r) => r.id)).toEqual(['region-b']);
  });

  it('a category: one column; a child code counts under its top-level column', () => {
    const sfi = computeCoverage({ snapshots, filters: { county: '01', category: 'sfi' }, now: NOW });
    expect(sfi.categories).toEqual(['sfi']);
    expect(row(sfi, '0136')).toMatchObject({ total: 2, categories: { sfi: 2 } });
    expect(sfi.gaps.requiredCategories).toEqual(['sfi']);
    const praktik = computeCoverage({
      snapshots,
      filters: { county: '01', category: 'arbete.praktik' },
      now: NOW,
    });
    expect(praktik.categories).toEqual(['arbete']);
    expect(row(praktik, '0136')).toMatchObject({ total: 1, categories: { arbete: 1 } });
    expect(praktik.gaps.requiredCategories).toEqual([]);
    expect(praktik.regions.map((r) => r.itemCount)).toEqual([1, 0]);
  });

  it('a language: only interventions delivered in it', () => {
    const answer = computeCoverage({ snapshots, filters: { county: '01', language: 'ar' }, now: NOW });
    expect(row(answer, '0126')).toMatchObject({ total: 2, languages: { ar: 2 } });
    expect(row(answer, '0136')).toMatchObject({ total: 2, categories: { sfi: 1, halsa: 1 } });
    expect(answer.gaps.languages).toEqual(['ar']);
  });
});

describe('relative to need', () => {
  it('interventions per 100 newcomers of the newest year uploaded', () => {
    const answer = computeCoverage({
      snapshots,
      filters: { county: '01' },
      newcomers: new Map([
        ['0136', { year: 2025, count: 200 }],
        ['0126', { year: 2024, count: 0 }],
        ['0138', { year: 2025, count: 3 }],
      ]),
      now: NOW,
    });
    expect(row(answer, '0136')).toMatchObject({
      newcomers: { year: 2025, count: 200 },
      perHundredNewcomers: 2,
    });
    expect(row(answer, '0138')).toMatchObject({ perHundredNewcomers: 33.3 });
    expect(row(answer, '0126')).toMatchObject({
      newcomers: { year: 2024, count: 0 },
      perHundredNewcomers: null,
    });
    expect(row(answer, '0180')).toMatchObject({ newcomers: null, perHundredNewcomers: null });
    expect(answer.newcomersYear).toBe(2025);
  });
});

describe('store status', () => {
  it('reports a region that could not be read as unavailable, with no items and no publish date', () => {
    const answer = computeCoverage({
      snapshots: [snapshots[0]!, { region: REGION_B, status: 'unavailable', pointer: null, items: [] }],
      filters: { county: '01' },
      now: NOW,
    });
    expect(answer.regions[1]).toMatchObject({
      status: 'unavailable',
      version: null,
      itemCount: 0,
      daysSinceLastPublish: null,
      reviewed: { count: 0, share: null },
      staleItems: 0,
      staleShare: null,
      fields: { summary: null, contact: null, dates: null, translations: null },
    });
  });
});

describe('stale items: hidden from newcomer search by the review rule, counted apart (fake clock)', () => {
  // T is the fake "now". Region A keeps the default interval (90 days: hidden after 90 + 30 + 90 = 210
  // days unconfirmed); region B has chosen 30 days (hidden after 30 + 30 + 30 = 90 days).
  const T = new Date('2027-03-01T08:00:00Z');
  const DAY = 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();
  const extraA = makeIntervention('a5', {
    category: 'sfi',
    municipalities: ['0138'],
    languages: ['sv', 'en'],
    lastReviewedAt: at(T.getTime() - 210 * DAY), // exactly at its hiding instant at T
  });
  const extraB = makeIntervention('b5', {
    category: 'samhallsorientering',
    municipalities: ['0136'],
    delivery: 'remote',
    languages: ['fa'],
    lastReviewedAt: at(T.getTime() - 91 * DAY), // hidden with B's 30 days; only due with the default 90
  });
  const stalePublishedAt = at(T.getTime() - DAY);
  const staleSnapshots = (): RegionSnapshot[] => [
    {
      region: REGION_A,
      status: 'ok',
      pointer: { version: 3, publishedAt: stalePublishedAt },
      items: [...itemsA(T), extraA],
    },
    {
      region: REGION_B,
      status: 'ok',
      pointer: { version: 8, publishedAt: stalePublishedAt },
      items: [...itemsB(T), extraB],
    },
  ];
  const reviewIntervals = new Map([['region-b', 30]]);
  const compute = () =>
    computeCoverage({
      snapshots: staleSnapshots(),
      filters: { county: '01' },
      reviewIntervals,
      now: new Date(), // the fake clock
    });

  beforeEach(() => {
    vi.useFakeTimers({ now: T, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('at the boundary instant (r + 2I + G) a5 is overdue, not stale: it is offered in Tyresö', () => {
    expect(reviewState(extraA, new Date())).toBe('overdue');
    const answer = compute();
    // Tyresö: b2 and a5 on site; a4 and b3 remote.
    expect(row(answer, '0138')).toMatchObject({
      total: 2,
      categories: { ...zeros, sfi: 1, halsa: 1 },
      languages: { sv: 1, en: 1, ar: 1 },
      remote: 2,
      stale: 0,
    });
    expect(answer.gaps.municipalities.filter((g) => g.code === '0138').map((g) => g.category)).toEqual([
      'samhallsorientering',
    ]);
    // b5 is stale by region B's own interval (30 days): not a remote offer, not in Haninge's `remote`.
    expect(row(answer, '0136')).toMatchObject({ total: 4, remote: 1, stale: 0 });
    expect(answer.remote.total).toBe(2);
    expect(answer.totals).toEqual({ interventions: 8, onSite: 6, remote: 2, stale: 1 });
    const missing = answer.gaps.categoryLanguages.map((g) => `${g.category}/${g.language}`);
    expect(missing).toContain('samhallsorientering/fa');
    expect(missing).not.toContain('sfi/en');
    expect(
      answer.regions.map((r) => [r.id, r.itemCount, r.reviewIntervalDays, r.staleItems, r.staleShare]),
    ).toEqual([
      ['region-a', 5, 90, 0, 0],
      ['region-b', 5, 30, 1, 0.2],
    ]);
  });

  it('one millisecond later a5 is stale too: out of Tyresö’s numbers and the gaps, into `stale`', () => {
    vi.setSystemTime(T.getTime() + 1);
    expect(reviewState(extraA, new Date())).toBe('hidden');
    const answer = compute();
    expect(row(answer, '0138')).toMatchObject({
      total: 1,
      categories: { ...zeros, halsa: 1 },
      languages: { ar: 1 },
      remote: 2,
      stale: 1,
    });
    // The SFI gap is back (a4 is the remote offer reaching Tyresö), and nobody offers SFI in English.
    expect(answer.gaps.municipalities.filter((g) => g.code === '0138')).toEqual([
      { code: '0138', name: 'Tyresö', category: 'sfi', remoteOffers: 1 },
      { code: '0138', name: 'Tyresö', category: 'samhallsorientering', remoteOffers: 1 },
    ]);
    expect(answer.gaps.categoryLanguages.map((g) => `${g.category}/${g.language}`)).toContain('sfi/en');
    expect(answer.totals).toEqual({ interventions: 7, onSite: 5, remote: 2, stale: 2 });
    // Stale items stay in the region's catalogue counts (itemCount), and are its staleItems.
    expect(answer.regions.map((r) => [r.id, r.itemCount, r.staleItems, r.staleShare])).toEqual([
      ['region-a', 5, 1, 0.2],
      ['region-b', 5, 1, 0.2],
    ]);
    // The other municipalities are untouched.
    expect(row(answer, '0126')).toMatchObject({ total: 2, stale: 0 });
  });

  it('without region B’s interval the default 90 days applies: b5 (91 days) is only due, and offered', () => {
    const answer = computeCoverage({
      snapshots: staleSnapshots(),
      filters: { county: '01' },
      now: new Date(),
    });
    expect(answer.regions[1]).toMatchObject({ reviewIntervalDays: 90, staleItems: 0, staleShare: 0 });
    expect(answer.remote.total).toBe(3);
    expect(row(answer, '0136')).toMatchObject({ remote: 2, stale: 0 });
    expect(answer.totals.stale).toBe(0);
  });

  it('a never-confirmed item is due, never stale, however old the catalogue', () => {
    vi.setSystemTime(T.getTime() + 5 * 365 * DAY);
    const answer = computeCoverage({
      snapshots: [
        {
          region: REGION_B,
          status: 'ok',
          pointer: { version: 1, publishedAt: stalePublishedAt },
          items: itemsB(T).filter((item) => !item.lastReviewedAt),
        },
      ],
      filters: { county: '01' },
      reviewIntervals,
      now: new Date(),
    });
    expect(answer.regions[0]).toMatchObject({ itemCount: 3, staleItems: 0 });
    expect(row(answer, '0136')).toMatchObject({ total: 1, stale: 0 });
  });
});
