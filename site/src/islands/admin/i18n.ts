/**
 * The admin page's own strings, in Swedish (the reference) and English: `src/i18n/admin/<lang>.json`.
 * A key missing in English is a type error here and a failing test (test/site/admin/i18n.test.ts).
 * Kept apart from the portal's strings so the island carries only these two small files.
 */
import en from '../../i18n/admin/en.json' with { type: 'json' };
import sv from '../../i18n/admin/sv.json' with { type: 'json' };
import { interpolate } from '../../lib/admin/format.ts';
import type { AdminLang } from '../../lib/admin/types.ts';

export type { AdminLang };
export type AdminKey = keyof typeof sv;

export const ADMIN_STRINGS: Record<AdminLang, Record<AdminKey, string>> = { sv, en };
export const ADMIN_LANGS: readonly AdminLang[] = ['sv', 'en'];

export function isAdminLang(value: unknown): value is AdminLang {
  return value === 'sv' || value === 'en';
}

/** The string `key` in `lang` with `{placeholders}` filled; Swedish when English lacks it. */
export function t(lang: AdminLang, key: AdminKey, vars?: Record<string, string | number>): string {
  const template = ADMIN_STRINGS[lang][key] ?? ADMIN_STRINGS.sv[key];
  if (template === undefined) throw new Error(`Unknown admin string "${key}"`);
  return interpolate(template, vars);
}

/** `t` bound to one language, for components. */
export type T = (key: AdminKey, vars?: Record<string, string | number>) => string;
export const translator =
  (lang: AdminLang): T =>
  (key, vars) =>
    t(lang, key, vars);
