/**
 * UI strings: one JSON file per language in `src/i18n/<lang>.json`, flat dotted keys.
 * Swedish is the reference: its keys are the type of every key, and a key missing in another
 * language is a type error here and a failing unit test (test/site/i18n.test.ts).
 * Pure functions only, so the same code runs at build time and in islands.
 */
import { DEFAULT_UI_LANGUAGE, type UiLanguage } from '../../../shared/languages.ts';
import ar from '../i18n/ar.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import fa from '../i18n/fa.json' with { type: 'json' };
import so from '../i18n/so.json' with { type: 'json' };
import sv from '../i18n/sv.json' with { type: 'json' };
import ti from '../i18n/ti.json' with { type: 'json' };
import uk from '../i18n/uk.json' with { type: 'json' };
import { interpolate, type Vars } from './format.ts';

export { formatDate, formatNumber, interpolate, type Vars } from './format.ts';

export type UiStringKey = keyof typeof sv;
export type UiStrings = Record<UiStringKey, string>;

export const UI_STRINGS: Record<UiLanguage, UiStrings> = { sv, en, ar, fa, so, ti, uk };

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
