/**
 * UI strings: one JSON file per language in `src/i18n/<lang>.json`, flat dotted keys.
 * Swedish is the reference: its keys are the type of every key, and a key missing in another
 * language is a type error here and a failing unit test (test/site/i18n.test.ts).
 * Pure functions only, so the same code runs at build time and in islands.
 */
import { DEFAULT_UI_LANGUAGE, UI_LANGUAGE_TAG, type UiLanguage } from '../../../shared/languages.ts';
import ar from '../i18n/ar.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import fa from '../i18n/fa.json' with { type: 'json' };
import so from '../i18n/so.json' with { type: 'json' };
import sv from '../i18n/sv.json' with { type: 'json' };
import ti from '../i18n/ti.json' with { type: 'json' };
import uk from '../i18n/uk.json' with { type: 'json' };

export type UiStringKey = keyof typeof sv;
export type UiStrings = Record<UiStringKey, string>;
export type Vars = Record<string, string | number>;

export const UI_STRINGS: Record<UiLanguage, UiStrings> = { sv, en, ar, fa, so, ti, uk };

/** Replace `{name}` placeholders; a placeholder without a value is left as it is, visibly. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/**
 * The UI string `key` in `lang`, with `{placeholders}` filled from `vars`.
 * An unknown key throws: `.astro` files are not type-checked, so a typo fails the build instead of
 * showing "undefined" to a visitor.
 */
export function t(lang: UiLanguage, key: UiStringKey, vars?: Vars): string {
  const template = UI_STRINGS[lang]?.[key] ?? UI_STRINGS[DEFAULT_UI_LANGUAGE][key];
  if (template === undefined) throw new Error(`Unknown UI string key "${key}" (language "${lang}")`);
  return interpolate(template, vars);
}

/** A subset of the strings of one language, for an island's props (islands get only what they use). */
export function pickStrings<K extends UiStringKey>(lang: UiLanguage, keys: readonly K[]): Record<K, string> {
  const picked = {} as Record<K, string>;
  for (const key of keys) picked[key] = t(lang, key);
  return picked;
}

/** Numbers with Latin digits in every UI language, as on Swedish forms, letters and phone numbers. */
export function formatNumber(value: number, lang: UiLanguage): string {
  return cached(
    `number:${lang}`,
    () => new Intl.NumberFormat(UI_LANGUAGE_TAG[lang], { numberingSystem: 'latn' }),
  ).format(value);
}

/** Intl formatters are costly to create; a region page formats thousands of dates. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A date (`2026-09-01`) or timestamp as a long date in the visitor's language.
 * Always the Gregorian calendar and Latin digits: dates must match Swedish letters and schedules
 * (Dari's default calendar would otherwise be the Solar Hijri one). Timestamps are shown in Swedish time.
 */
export function formatDate(iso: string, lang: UiLanguage): string {
  // English as written in Sweden (and Europe): "1 September 2026", not the US "September 1, 2026".
  const locale = lang === 'en' ? 'en-GB' : UI_LANGUAGE_TAG[lang];
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const timeZone = dateOnly ? 'UTC' : 'Europe/Stockholm';
  return cached(
    `date:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        calendar: 'gregory',
        numberingSystem: 'latn',
        timeZone,
      }),
  ).format(date);
}
