/**
 * Dates and numbers on the admin page, in Swedish time (the portal's), with Latin digits.
 * Own small helpers: the site's `lib/i18n.ts` would bring every UI language's strings into the bundle.
 */
import type { AdminLang } from './types.ts';

const LOCALE: Record<AdminLang, string> = { sv: 'sv-SE', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateTimeFormat(lang: AdminLang, withTime: boolean, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}:${timeZone}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[lang], {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      calendar: 'gregory',
      numberingSystem: 'latn',
      timeZone,
    });
    cache.set(key, format);
  }
  return format;
}

/** "23 nov. 2026 14:05" / "23 Nov 2026, 14:05"; a date alone (`2026-09-01`) without a time. */
export function formatWhen(iso: string | undefined, lang: AdminLang): string {
  if (!iso) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(lang, !dateOnly, dateOnly ? 'UTC' : 'Europe/Stockholm').format(date);
}

export function formatCount(value: number, lang: AdminLang): string {
  const key = `n:${lang}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { numberingSystem: 'latn' });
    cache.set(key, format);
  }
  return format.format(value);
}

/** Replace `{name}` placeholders; one without a value stays visible. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}
