import { describe, expect, it } from 'vitest';
import { tokenForms } from '../../functions/search/engine/analysis.ts';
import { deletionHashes, withinOneEdit } from '../../functions/search/engine/fuzzy.ts';
import {
  findPhrases,
  foldSwedish,
  normalize,
  stemArabicLight,
  stemSwedish,
  tokenize,
} from '../../functions/search/engine/index.ts';
import { phraseKey } from '../../functions/search/engine/synonyms.ts';
import { MUNICIPALITIES } from '../../shared/geo.ts';

describe('normalize and tokenize', () => {
  it('lower-cases and keeps the Swedish letters å, ä, ö in the exact form', () => {
    expect(tokenize('SAMHÄLLSORIENTERING på Åland, Öland')).toEqual([
      'samhällsorientering',
      'på',
      'åland',
      'öland',
    ]);
  });

  it('removes other Latin diacritics and maps æ/ø to their Swedish letters', () => {
    expect(tokenize('Café IDÉ naïve Ærø Straße')).toEqual(['cafe', 'ide', 'naive', 'ärö', 'strasse']);
  });

  it('composes decomposed input before deciding (a + combining ring is å)', () => {
    expect(tokenize('Sa\u0308ker ha\u030Alla')).toEqual(['säker', 'hålla']);
  });

  it('folds å and ä to a and ö to o only in the folded form', () => {
    expect(foldSwedish('hälsokommunikatör')).toBe('halsokommunikator');
    expect(foldSwedish('åäö')).toBe('aao');
    expect(foldSwedish('praktik')).toBe('praktik');
  });

  it('unifies Arabic and Persian letter variants, removes tatweel and diacritics', () => {
    // alef with hamza/madda → bare alef; Persian yeh and alef maksura → Arabic yeh; keheh → kaf
    expect(normalize('أحمد إسلام آمنة')).toBe('احمد اسلام امنه');
    expect(normalize('ی ى ک')).toBe('ي ي ك');
    expect(normalize('مـــدرسة')).toBe('مدرسه');
    expect(normalize('مَدْرَسَةٌ')).toBe('مدرسه');
    // Persian (Dari) and Arabic spellings of the same word meet
    expect(tokenize('کودکی')).toEqual(tokenize('كودكي'));
  });

  it('maps Arabic-Indic and Persian digits to ASCII digits', () => {
    expect(tokenize('٢٠٢٦ ۱۴۰۵')).toEqual(['2026', '1405']);
  });

  it('folds Cyrillic case (and ё to е in the folded form)', () => {
    expect(tokenize('Українська МОВА Ёлка')).toEqual(['українська', 'мова', 'ёлка']);
    expect(foldSwedish('ёлка')).toBe('елка');
  });

  it("joins words around apostrophes and invisible joiners (Ukrainian здоров'я, Persian ZWNJ)", () => {
    expect(tokenize("Здоров'я")).toEqual(['здоровя']);
    expect(tokenize('مهارت\u200cها')).toEqual(['مهارتها']);
  });

  it('splits on punctuation and hyphens, drops one-letter words but keeps digits', () => {
    expect(tokenize('SFI – svenska för invandrare (kurs 1, steg B); prova-på-plats')).toEqual([
      'sfi',
      'svenska',
      'för',
      'invandrare',
      'kurs',
      '1',
      'steg',
      'prova',
      'på',
      'plats',
    ]);
  });

  it('normalises compatibility forms (ligatures, full-width letters, Arabic presentation forms)', () => {
    expect(tokenize('ﬁnans ＳＦＩ ﻻ')).toEqual(['finans', 'sfi', 'لا']);
  });

  it('cuts very long tokens and never throws on odd input', () => {
    expect(tokenize('a'.repeat(500))[0]).toHaveLength(40);
    expect(tokenize('\u0000\uD800\uDFFF😀 \u202E')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('Swedish stemming (Snowball)', () => {
  it.each([
    ['praktikplatser', 'praktikplats'],
    ['praktiken', 'praktik'],
    ['praktiker', 'praktik'],
    ['kvinnor', 'kvinn'],
    ['arbete', 'arbet'],
    ['klokaste', 'klok'],
    ['klokare', 'klok'],
    ['föräldrar', 'föräldr'],
    ['invandrare', 'invandr'],
    ['svenska', 'svensk'],
    ['kommunens', 'kommun'],
    ['hälsosamt', 'hälsosamt'],
    ['vänligt', 'vän'],
    ['kärlek', 'kärlek'],
    ['fullt', 'fullt'],
    ['sfi', 'sfi'],
  ])('%s → %s', (word, stem) => {
    expect(stemSwedish(word)).toBe(stem);
  });

  it('leaves short words alone', () => {
    expect(stemSwedish('so')).toBe('so');
    expect(stemSwedish('af')).toBe('af');
  });
});

describe('Arabic light stemming', () => {
  it('removes the article and common suffixes', () => {
    expect(stemArabicLight('التدريب')).toBe('تدريب');
    expect(stemArabicLight('المهارات')).toBe('مهار');
    expect(stemArabicLight('والعمل')).toBe('عمل');
  });
});

describe('token forms', () => {
  it('gives exact, folded, stem and folded stem', () => {
    expect(tokenForms('hälsan')).toMatchObject({ exact: 'hälsan', folded: 'halsan', stem: 'hälsan' });
    expect(tokenForms('föräldrar')).toMatchObject({ stem: 'föräldr', foldedStem: 'foraldr', stop: false });
    expect(tokenForms('och').stop).toBe(true);
    expect(tokenForms('so').stop).toBe(false);
  });

  it('no municipality name is a stop word ("Vara" was one)', () => {
    const stops = MUNICIPALITIES.flatMap((m) => tokenize(m.name)).filter((t) => tokenForms(t).stop);
    expect(stops).toEqual([]);
  });
});

describe('synonym phrases', () => {
  it('finds the phrase behind an abbreviation in any inflection', () => {
    const keys = tokenize('Kurs i svenska för invandrarna och samhällsorienteringen').map(phraseKey);
    expect(findPhrases(keys).map((m) => m.abbreviation)).toEqual(['sfi', 'so']);
  });
});

describe('edit distance and deletion neighbourhoods', () => {
  it('accepts one insertion, deletion, substitution or adjacent swap, and nothing more', () => {
    expect(withinOneEdit('praktik', 'praktik')).toBe(true);
    expect(withinOneEdit('praktik', 'prakttik')).toBe(true);
    expect(withinOneEdit('praktik', 'prakik')).toBe(true);
    expect(withinOneEdit('praktik', 'prektik')).toBe(true);
    expect(withinOneEdit('praktik', 'parktik')).toBe(true);
    expect(withinOneEdit('praktik', 'parktki')).toBe(false);
    expect(withinOneEdit('praktik', 'prak')).toBe(false);
  });

  it('a word and its one-edit neighbours share a deletion hash', () => {
    const share = (a: string, b: string) => deletionHashes(a).some((h) => deletionHashes(b).includes(h));
    expect(share('vägledning', 'väglednig')).toBe(true);
    expect(share('vägledning', 'vägldening')).toBe(true);
    expect(share('vägledning', 'vagledning')).toBe(true);
    expect(share('vägledning', 'kartläggning')).toBe(false);
  });
});
