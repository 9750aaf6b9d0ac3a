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
  phoneLink,
  shortList,
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

const context = (lang: UiLanguage) => ({
  lang,
  strings: pickStrings(lang, LIST_STRING_KEYS),
  vocab: vocabulary(lang, { municipalityPages: ['0126'], regions: { sodertorn: 'Etablering Södertörn' } }),
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
