/**
 * The market and review pages' own strings, Swedish (the reference) and English. A key missing in
 * English is a type error here (and a failing browser test shows it). Zod-free: islands import it.
 */
import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };

export type ExchangeLang = 'sv' | 'en';
export type ExchangeKey = keyof typeof sv;

const STRINGS: Record<ExchangeLang, Record<ExchangeKey, string>> = { sv, en };

/** `key` in `lang` with `{name}` placeholders filled. */
export function t(lang: ExchangeLang, key: ExchangeKey, vars: Record<string, string | number> = {}): string {
  const template = STRINGS[lang][key] ?? STRINGS.sv[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Tr = (key: ExchangeKey, vars?: Record<string, string | number>) => string;
export const translator =
  (lang: ExchangeLang): Tr =>
  (key, vars) =>
    t(lang, key, vars);
