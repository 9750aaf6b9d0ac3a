import { describe, expect, it } from 'vitest';
import {
  type Intervention,
  type InterventionInput,
  InterventionSchema,
  localize,
} from '../../shared/intervention.ts';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages.ts';
import {
  emailLink,
  groupByCategory,
  interventionView,
  LIST_STRING_KEYS,
  localizeText,
  municipalityPath,
  nextReviewChange,
  phoneLink,
  reviewChangePassed,
  shortList,
  visibleItems,
  webLink,
} from '../../site/src/lib/catalogue-view.ts';
import { pickStrings } from '../../site/src/lib/i18n.ts';
import { vocabulary } from '../../site/src/lib/vocabulary.ts';

const item = (
  input: Partial<InterventionInput> & Pick<InterventionInput, 'id'>,
): Intervention & { regionId: string } => ({
  ...InterventionSchema.parse({
    title: { sv: `Insats ${input.id}` },
    category: 'sfi',
    municipalities: ['0126'],
    provider: { name: 'Huddinge kommun', type: 'municipality' },
    ...input,
  }),
  regionId: 'sodertorn',
});

/** A fixed clock: the tests do not depend on today. */
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

const context = (lang: UiLanguage, now = NOW, reviewIntervals: Record<string, number> = {}) => ({
  lang,
  strings: pickStrings(lang, LIST_STRING_KEYS),
  vocab: vocabulary(lang, {
    municipalityPages: ['0126'],
    regions: { sodertorn: 'Etablering Södertörn' },
    reviewIntervals,
  }),
  now,
});
const sv = context('sv');
const ar = context('ar');

describe('localizeText', () => {
  it('follows the shared localize() rule for every language', () => {
    const texts = [
      { sv: 'Svenska' },
      { sv: 'Svenska', ar: 'عربي' },
      { sv: 'Svenska', en: 'English', uk: 'Українська' },
    ];
    for (const text of texts) {
      for (const lang of UI_LANGUAGES) expect(localizeText(text, lang)).toEqual(localize(text, lang));
    }
  });
});

describe('an intervention as a visitor reads it', () => {
  it('is in Arabic when it has Arabic text, with names of languages in Arabic', () => {
    const view = interventionView(
      item({ id: 'a', title: { sv: 'SFI', ar: 'سفي' }, languages: ['so', 'prs'] }),
      ar,
    );
    expect(view.title).toMatchObject({ text: 'سفي', lang: 'ar', dir: 'rtl', fallback: false });
    expect(view.onlySwedish).toBe(false);
    expect(view.languages).toEqual(['الصومالية', 'الدارية']);
  });

  it('falls back to Swedish, marked, when it lacks the visitor language', () => {
    const view = interventionView(
      item({ id: 'b', title: { sv: 'Praktik', ar: 'تدريب' }, summary: { sv: 'Bara svenska' } }),
      ar,
    );
    expect(view.title.fallback).toBe(false);
    expect(view.summary).toMatchObject({ text: 'Bara svenska', tag: 'sv', dir: 'ltr', fallback: true });
    expect(view.onlySwedish).toBe(true);
  });

  it('names municipalities, sub-category, dates and review', () => {
    const view = interventionView(
      item({
        id: 'c',
        category: 'arbete.praktik',
        municipalities: ['0126', '0120'],
        startDate: '2026-01-15',
        endDate: '2026-12-15',
        lastReviewedAt: '2026-10-10T08:00:00Z',
      }),
      sv,
    );
    expect(view.municipalities).toEqual(['Huddinge', 'Värmdö']);
    expect(view.subcategory).toBe('Praktik');
    expect(view.when).toBe('15 januari 2026 – 15 december 2026');
    expect(view.lastReviewed).toBe('10 oktober 2026');
  });

  it('links to its own page in the visitor language, and has a page-unique anchor', () => {
    const view = interventionView(item({ id: 'sfi.kväll-1'.replace('ä', 'a') }), ar);
    expect(view.href).toBe('/ar/insats/?r=sodertorn&id=sfi.kvall-1');
    expect(view.anchor).toBe('insats-sodertorn-sfi.kvall-1');
    expect(interventionView(item({ id: 'x' }), sv).href).toBe('/insats/?r=sodertorn&id=x');
  });

  it('is ongoing without dates and says when it has only one', () => {
    expect(interventionView(item({ id: 'd' }), sv).when).toBe('Pågående');
    expect(interventionView(item({ id: 'e', startDate: '2026-03-01' }), context('en')).when).toBe(
      'From 1 March 2026',
    );
    expect(interventionView(item({ id: 'f', endDate: '2026-12-31' }), sv).when).toBe(
      'Till och med 31 december 2026',
    );
  });
});

describe('links from catalogue data', () => {
  it.each([
    ['08-535 300 00', 'tel:0853530000'],
    ['+46 771 416 416', 'tel:+46771416416'],
    ['(08) 123 45', 'tel:0812345'],
  ])('phone %s → %s', (phone, href) => {
    expect(phoneLink(phone)?.href).toBe(href);
  });

  it('makes only http(s) addresses links', () => {
    expect(webLink('https://www.huddinge.se/sfi/')).toEqual({
      text: 'www.huddinge.se/sfi',
      href: 'https://www.huddinge.se/sfi/',
    });
    expect(webLink('javascript:alert(1)')).toBeUndefined();
    expect(webLink('data:text/html,x')).toBeUndefined();
    expect(webLink('not a url')).toBeUndefined();
  });

  it('makes only plain addresses mailto links', () => {
    expect(emailLink('sfi@huddinge.se')).toBe('sfi@huddinge.se');
    expect(emailLink('a"><script>@x.se')).toBeUndefined();
    expect(emailLink(undefined)).toBeUndefined();
  });

  it('links a municipality only when it has a page', () => {
    expect(municipalityPath('so', sv.vocab, '0126')).toBe('/so/kommuner/huddinge/');
    expect(municipalityPath('sv', sv.vocab, '0120')).toBeUndefined();
  });

  it('shortens long lists of names with "and N more"', () => {
    expect(shortList(['a', 'b'], 3, 'sv', 'och {count} till')).toEqual({ shown: ['a', 'b'] });
    expect(shortList(['a', 'b', 'c', 'd', 'e'], 3, 'sv', 'och {count} till')).toEqual({
      shown: ['a', 'b', 'c'],
      more: 'och 2 till',
    });
  });
});

describe('groupByCategory', () => {
  it('groups by top-level category in taxonomy order, sub-categories in taxonomy order within', () => {
    const groups = groupByCategory(
      [
        item({ id: 'radgivning', category: 'radgivning' }),
        item({ id: 'validering', category: 'arbete.validering' }),
        item({ id: 'kartlaggning', category: 'arbete.kartlaggning' }),
        item({ id: 'sfi-b', title: { sv: 'B' } }),
        item({ id: 'sfi-a', title: { sv: 'A' } }),
      ],
      sv,
    );
    expect(groups.map((g) => [g.code, g.label, g.items.map((i) => i.id)])).toEqual([
      ['sfi', 'SFI – svenska för invandrare', ['sfi-a', 'sfi-b']],
      ['arbete', 'Arbete', ['kartlaggning', 'validering']],
      ['radgivning', 'Rådgivning', ['radgivning']],
    ]);
  });

  it('labels groups in the visitor language', () => {
    expect(groupByCategory([item({ id: 'x', category: 'halsa.trauma' })], context('uk'))[0]!.label).toBe(
      "Здоров'я",
    );
  });
});

describe('the review routine on the portal (docs/review.md)', () => {
  const DAY = 86_400_000;
  // Confirmed 2026-01-01 (midnight UTC); default interval 90 days, grace 30: overdue after day 120,
  // hidden after day 210.
  const R = Date.parse('2026-01-01T00:00:00.000Z');
  const OVERDUE_AT = R + 120 * DAY;
  const HIDDEN_AT = R + 210 * DAY;
  const confirmed = item({ id: 'k', lastReviewedAt: '2026-01-01' });
  const view = (at: number, lang: UiLanguage = 'sv', intervals: Record<string, number> = {}) =>
    interventionView(confirmed, context(lang, at, intervals));

  it('notes nothing while the item is current or only due', () => {
    expect(view(R + 90 * DAY)).toMatchObject({ reviewState: 'current', notConfirmedSince: undefined });
    expect(view(R + 90 * DAY + 1)).toMatchObject({ reviewState: 'due', notConfirmedSince: undefined });
  });

  it('at exactly the overdue instant the item is still due; one millisecond later it says since when', () => {
    expect(view(OVERDUE_AT)).toMatchObject({ reviewState: 'due', notConfirmedSince: undefined });
    expect(view(OVERDUE_AT + 1)).toMatchObject({
      reviewState: 'overdue',
      notConfirmedSince: '1 januari 2026',
    });
    expect(view(OVERDUE_AT + 1, 'en').notConfirmedSince).toBe('1 January 2026');
    expect(context('en').strings['intervention.notConfirmedSince']).toBe('Not confirmed since {date}');
  });

  it('a hidden item reached by a direct link says it too', () => {
    expect(view(HIDDEN_AT)).toMatchObject({ reviewState: 'overdue', notConfirmedSince: '1 januari 2026' });
    expect(view(HIDDEN_AT + 1)).toMatchObject({ reviewState: 'hidden', notConfirmedSince: '1 januari 2026' });
  });

  it("counts with the region's own interval (30 days: overdue after day 60)", () => {
    const thirty = { sodertorn: 30 };
    expect(view(R + 60 * DAY, 'sv', thirty).reviewState).toBe('due');
    expect(view(R + 60 * DAY + 1, 'sv', thirty).reviewState).toBe('overdue');
    expect(view(R + 60 * DAY + 1, 'sv', { nordost: 30 }).reviewState).toBe('current'); // another region's
  });

  it('never notes an item never confirmed (it is due, there is no date to count from)', () => {
    expect(interventionView(item({ id: 'n' }), context('sv', HIDDEN_AT + 1))).toMatchObject({
      reviewState: 'due',
      notConfirmedSince: undefined,
    });
  });

  it("takes a search result's state as the API computed it when it answered", () => {
    const result = { ...confirmed, reviewState: 'overdue' as const };
    expect(interventionView(result, context('sv', R)).notConfirmedSince).toBe('1 januari 2026');
    const odd = { ...confirmed, reviewState: 'stale' } as unknown as typeof result;
    expect(interventionView(odd, context('sv', R)).reviewState).toBe('current');
  });

  it('a listing leaves out hidden items: kept at exactly the hiding instant, gone one millisecond later', () => {
    const items = [confirmed, item({ id: 'n' }), item({ id: 'fresh', lastReviewedAt: '2026-07-01' })];
    const ids = (at: number, intervals: Record<string, number> = {}) =>
      visibleItems(items, at, intervals).map((i) => i.id);
    expect(ids(HIDDEN_AT)).toEqual(['k', 'n', 'fresh']);
    expect(ids(HIDDEN_AT + 1)).toEqual(['n', 'fresh']);
    // 30 days: hidden after 2 × 30 + 30 = 90 days.
    expect(ids(R + 90 * DAY, { sodertorn: 30 })).toEqual(['k', 'n', 'fresh']);
    expect(ids(R + 90 * DAY + 1, { sodertorn: 30 })).toEqual(['n', 'fresh']);
  });

  it('knows the first instant an item changes what a listing shows (overdue, then hidden)', () => {
    expect(nextReviewChange([confirmed], R, {})).toBe(OVERDUE_AT + 1);
    expect(nextReviewChange([confirmed], OVERDUE_AT, {})).toBe(OVERDUE_AT + 1);
    expect(nextReviewChange([confirmed], OVERDUE_AT + 1, {})).toBe(HIDDEN_AT + 1);
    expect(nextReviewChange([confirmed], HIDDEN_AT, {})).toBe(HIDDEN_AT + 1);
    expect(nextReviewChange([confirmed], HIDDEN_AT + 1, {})).toBeUndefined();
    expect(nextReviewChange([item({ id: 'n' })], R, {})).toBeUndefined();
    expect(nextReviewChange([], R, {})).toBeUndefined();
    // The earliest of several items, each with its region's interval.
    const later = item({ id: 'later', lastReviewedAt: '2026-02-01' });
    expect(nextReviewChange([later, confirmed], OVERDUE_AT + 1, {})).toBe(
      Date.parse('2026-02-01T00:00:00Z') + 120 * DAY + 1,
    );
    expect(nextReviewChange([confirmed], R, { sodertorn: 30 })).toBe(R + 60 * DAY + 1);
  });

  it('a page built before that instant is redrawn when opened at or after it', () => {
    expect(reviewChangePassed(undefined, HIDDEN_AT)).toBe(false);
    expect(reviewChangePassed(OVERDUE_AT + 1, OVERDUE_AT)).toBe(false);
    expect(reviewChangePassed(OVERDUE_AT + 1, OVERDUE_AT + 1)).toBe(true);
    // A page built at R and opened a millisecond after the overdue instant shows the note when redrawn.
    const built = nextReviewChange([confirmed], R, {});
    const opened = OVERDUE_AT + 1;
    expect(reviewChangePassed(built, opened)).toBe(true);
    expect(view(opened).notConfirmedSince).toBe('1 januari 2026');
  });
});
