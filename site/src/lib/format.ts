/**
 * Formatting that islands need too: placeholders, numbers and dates. No string tables here, so an island
 * importing this module never carries the seven UI languages into the browser.
 */
import { UI_LANGUAGE_TAG, type UiLanguage } from '../../../shared/languages.ts';

export type Vars = Record<string, string | number>;

/** Replace `{name}` placeholders; a placeholder without a value is left as it is, visibly. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
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
