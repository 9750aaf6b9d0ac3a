/**
 * Languages: the portal's UI languages and the languages an intervention can be delivered in.
 * Names of languages come from the platform's ICU data (Intl.DisplayNames), so every language
 * is named in every UI language without a hand-kept table.
 */

/** The portal's UI languages. `sv` is the default and lives at `/`; the others under `/<code>/`. */
export const UI_LANGUAGES = ['sv', 'en', 'ar', 'fa', 'so', 'ti', 'uk'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_UI_LANGUAGE: UiLanguage = 'sv';

/** BCP 47 tag for `<html lang>` and Intl. The `fa` prefix is Dari, written as spoken in Afghanistan. */
export const UI_LANGUAGE_TAG: Record<UiLanguage, string> = {
  sv: 'sv',
  en: 'en',
  ar: 'ar',
  fa: 'fa-AF',
  so: 'so',
  ti: 'ti',
  uk: 'uk',
};

/** Each UI language's own name for itself, for the language switcher. */
export const UI_LANGUAGE_ENDONYM: Record<UiLanguage, string> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  fa: 'دری',
  so: 'Soomaali',
  ti: 'ትግርኛ',
  uk: 'Українська',
};

const RTL_LANGUAGES = new Set(['ar', 'fa', 'prs', 'ps', 'ckb', 'ur', 'he']);

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** Text direction of a language code (UI or content). */
export function textDirection(code: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(code.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/**
 * Languages an intervention can be delivered or supported in (ISO 639-1 where it exists, else 639-3).
 * Ordered by how often they are needed in Swedish reception work.
 */
export const CONTENT_LANGUAGES = [
  'sv',
  'en',
  'ar',
  'prs',
  'fa',
  'ps',
  'so',
  'ti',
  'am',
  'uk',
  'ru',
  'ku',
  'ckb',
  'tr',
  'bs',
  'sr',
  'hr',
  'sq',
  'es',
  'fr',
  'de',
  'pl',
  'ro',
  'bg',
  'zh',
  'th',
  'vi',
  'my',
  'sw',
  'uz',
  'tg',
  'ur',
  'hi',
  'bn',
  'om',
  'fi',
  'smi',
  'rom',
  'sgn',
] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/** Extra Swedish and English names accepted in uploads beyond what Intl gives ("teckenspråk", "farsi"). */
const EXTRA_LANGUAGE_NAMES: Record<string, ContentLanguage> = {
  farsi: 'fa',
  persiska: 'fa',
  dari: 'prs',
  afghanska: 'ps',
  pashto: 'ps',
  pashtu: 'ps',
  sorani: 'ckb',
  kurmanji: 'ku',
  tigrinja: 'ti',
  tigrinya: 'ti',
  'bosniska/kroatiska/serbiska': 'bs',
  bks: 'bs',
  samiska: 'smi',
  sami: 'smi',
  romani: 'rom',
  teckenspråk: 'sgn',
  'svenskt teckenspråk': 'sgn',
  'sign language': 'sgn',
};

const displayNameCache = new Map<string, Intl.DisplayNames>();
function displayNames(ui: string): Intl.DisplayNames {
  let names = displayNameCache.get(ui);
  if (!names) {
    names = new Intl.DisplayNames([ui], { type: 'language', fallback: 'code' });
    displayNameCache.set(ui, names);
  }
  return names;
}

const OWN_NAMES: Partial<Record<string, Record<string, string>>> = {
  smi: { sv: 'samiska', en: 'Sami' },
  rom: { sv: 'romani', en: 'Romani' },
  sgn: { sv: 'teckenspråk', en: 'sign language' },
};

/** The name of a content language in a UI language: `languageName('ar', 'sv')` → "arabiska". */
export function languageName(code: string, ui: UiLanguage | string = 'sv'): string {
  const own = OWN_NAMES[code];
  if (own) return own[ui] ?? own['en'] ?? code;
  const tag = isUiLanguage(ui) ? UI_LANGUAGE_TAG[ui] : ui;
  try {
    return displayNames(tag).of(code) ?? code;
  } catch {
    return code;
  }
}

let nameIndex: Map<string, ContentLanguage> | undefined;
/** Resolve a language code or a Swedish/English/native name to a content language code. */
export function resolveLanguage(input: string): ContentLanguage | undefined {
  const key = input.trim().toLowerCase();
  if (!key) return undefined;
  if ((CONTENT_LANGUAGES as readonly string[]).includes(key)) return key as ContentLanguage;
  if (!nameIndex) {
    nameIndex = new Map(Object.entries(EXTRA_LANGUAGE_NAMES));
    for (const code of CONTENT_LANGUAGES) {
      for (const ui of ['sv', 'en', code]) {
        const name = languageName(code, ui).toLowerCase();
        if (name && name !== code && !nameIndex.has(name)) nameIndex.set(name, code);
      }
    }
  }
  return nameIndex.get(key);
}

/** Every known content-language name, for "did you mean" suggestions. */
export function languageNamesForSuggestions(): { name: string; code: ContentLanguage }[] {
  resolveLanguage('sv');
  return [...nameIndex!.entries()].map(([name, code]) => ({ name, code }));
}
