import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages.ts';
import {
  formatDate,
  interpolate,
  pickStrings,
  t,
  UI_STRINGS,
  type UiStringKey,
} from '../../site/src/lib/i18n.ts';
import { languageOfPath, localizedPath, neutralPath, switchLanguagePath } from '../../site/src/lib/paths.ts';

const reference = Object.keys(UI_STRINGS.sv).sort();

describe('UI strings', () => {
  it.each(UI_LANGUAGES)('%s has exactly the Swedish keys', (lang) => {
    expect(Object.keys(UI_STRINGS[lang]).sort()).toEqual(reference);
  });

  it.each(UI_LANGUAGES)('%s writes right-to-left strings without stray left-to-right text', (lang) => {
    // Arabic and Dari strings may name Insatsportalen, JavaScript, SFI or Arbetsförmedlingen in Latin
    // letters, but each must be mostly in its own script.
    if (lang !== 'ar' && lang !== 'fa') return;
    for (const [key, value] of Object.entries(UI_STRINGS[lang])) {
      const latin = (value.replace(/\{\w+\}/g, '').match(/[A-Za-zÅÄÖåäö]/g) ?? []).length;
      const arabic = (value.match(/[\u0600-\u06FF]/g) ?? []).length;
      if (key !== 'site.name' && latin + arabic > 3) expect(arabic, `${lang} ${key}`).toBeGreaterThan(latin);
    }
  });

  it.each(UI_LANGUAGES)('%s has no empty or untrimmed strings', (lang) => {
    for (const [key, value] of Object.entries(UI_STRINGS[lang])) {
      expect(value.trim(), `${lang} ${key}`).not.toBe('');
      expect(value, `${lang} ${key}`).toBe(value.trim());
    }
  });

  it.each(UI_LANGUAGES)('%s uses the same placeholders as Swedish', (lang) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of reference as UiStringKey[]) {
      expect(placeholders(UI_STRINGS[lang][key]), `${lang} ${key}`).toEqual(placeholders(UI_STRINGS.sv[key]));
    }
  });

  it('is translated: apart from names and pure patterns, no language copies Swedish', () => {
    const sameEverywhere = new Set(['site.name', 'site.pageTitle', 'intervention.dateRange']);
    // Words that are the same in Swedish and one other language.
    const sameIn: Partial<Record<UiLanguage, string[]>> = {
      en: ['search.facet.region', 'intervention.region'],
    };
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'sv')) {
      for (const key of reference as UiStringKey[]) {
        if (sameEverywhere.has(key) || sameIn[lang]?.includes(key)) continue;
        expect(UI_STRINGS[lang][key], `${lang} ${key}`).not.toBe(UI_STRINGS.sv[key]);
      }
    }
  });
});

describe('t', () => {
  it('gives the string in the requested language', () => {
    expect(t('sv', 'nav.home')).toBe('Start');
    expect(t('en', 'nav.home')).toBe('Home');
    expect(t('ar', 'intervention.onlySwedish')).toBe('متوفر باللغة السويدية فقط');
  });

  it('fills variables, numbers included', () => {
    expect(t('sv', 'region.itemCount', { count: 12 })).toBe('Insatser: 12');
    expect(t('en', 'intervention.dateRange', { start: '1 May', end: '2 June' })).toBe('1 May – 2 June');
    expect(t('uk', 'region.published', { date: '1 жовтня 2026' })).toBe('Останнє оновлення: 1 жовтня 2026');
  });

  it('leaves a placeholder without a value visible instead of inventing one', () => {
    expect(t('sv', 'region.itemCount')).toBe('Insatser: {count}');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('does not read inherited properties as variables', () => {
    expect(interpolate('{constructor}', {})).toBe('{constructor}');
  });

  it('throws for an unknown key, so a typo in a page fails the build', () => {
    expect(() => t('sv', 'nav.nothing' as UiStringKey)).toThrow(/Unknown UI string key "nav.nothing"/);
  });

  it('picks a subset of strings for an island', () => {
    expect(pickStrings('so', ['nav.home', 'search.button'])).toEqual({
      'nav.home': 'Bogga hore',
      'search.button': 'Raadi',
    });
  });
});

describe('formatDate', () => {
  it('writes a date in the visitor language, Gregorian calendar and Latin digits', () => {
    expect(formatDate('2026-09-01', 'sv')).toBe('1 september 2026');
    expect(formatDate('2026-09-01', 'en')).toBe('1 September 2026');
    for (const lang of UI_LANGUAGES) {
      const text = formatDate('2026-09-01', lang as UiLanguage);
      expect(text, lang).toMatch(/2026/);
      expect(text, lang).toMatch(/\b1\b/);
    }
  });

  it('shows a timestamp as the date in Swedish time', () => {
    expect(formatDate('2026-09-30T23:30:00Z', 'sv')).toBe('1 oktober 2026');
  });

  it('leaves something that is not a date as it is', () => {
    expect(formatDate('soon', 'sv')).toBe('soon');
  });
});

describe('paths', () => {
  it.each([
    ['sv', '/', '/'],
    ['en', '/', '/en/'],
    ['ar', '/regioner/sodertorn/', '/ar/regioner/sodertorn/'],
    ['sv', '/regioner/sodertorn', '/regioner/sodertorn/'],
    ['fa', 'regioner/nordost', '/fa/regioner/nordost/'],
    ['uk', '/sok/?q=sfi', '/uk/sok/?q=sfi'],
    ['ti', '/regioner/sodertorn/#kategori-sfi', '/ti/regioner/sodertorn/#kategori-sfi'],
    ['so', '/favicon.svg', '/so/favicon.svg'],
  ] as const)('localizedPath(%s, %s) → %s', (lang, path, expected) => {
    expect(localizedPath(lang, path)).toBe(expected);
  });

  it.each([
    ['/', 'sv', '/'],
    ['/ar/', 'ar', '/'],
    ['/ar', 'ar', '/'],
    ['/ar/regioner/sodertorn/', 'ar', '/regioner/sodertorn/'],
    ['/regioner/sodertorn/', 'sv', '/regioner/sodertorn/'],
    ['/sv/regioner/sodertorn/', 'sv', '/sv/regioner/sodertorn/'],
    ['/english/', 'sv', '/english/'],
    ['/fa/sok/?q=kurs', 'fa', '/sok/?q=kurs'],
  ] as const)('%s is in %s, language-neutral %s', (path, lang, neutral) => {
    expect(languageOfPath(path)).toBe(lang);
    expect(neutralPath(path)).toBe(neutral);
  });

  it.each([
    ['/', 'ar', '/ar/'],
    ['/ar/', 'sv', '/'],
    ['/regioner/sodertorn/', 'ar', '/ar/regioner/sodertorn/'],
    ['/ar/regioner/sodertorn/', 'sv', '/regioner/sodertorn/'],
    ['/ar/regioner/sodertorn/', 'fa', '/fa/regioner/sodertorn/'],
    ['/ar/regioner/sodertorn/', 'ar', '/ar/regioner/sodertorn/'],
    ['/en/regioner/nordost', 'uk', '/uk/regioner/nordost/'],
    ['/so/sok/?q=praktik#results', 'ti', '/ti/sok/?q=praktik#results'],
    ['/ti', 'en', '/en/'],
  ] as const)('switchLanguagePath(%s, %s) → %s', (current, to, expected) => {
    expect(switchLanguagePath(current, to)).toBe(expected);
  });

  it('round-trips every page through every language', () => {
    for (const page of ['/', '/regioner/sodertorn/', '/sok/?q=sfi']) {
      for (const from of UI_LANGUAGES) {
        for (const to of UI_LANGUAGES) {
          expect(switchLanguagePath(switchLanguagePath(localizedPath(from, page), to), from)).toBe(
            localizedPath(from, page),
          );
        }
      }
    }
  });
});
