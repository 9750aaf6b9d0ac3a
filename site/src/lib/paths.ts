/**
 * Paths of the portal in every language. Swedish lives at `/`, every other UI language under
 * `/<lang>/`; the rest of the path (`/regioner/sodertorn/`) is the same in every language, so a
 * page in one language maps to the same page in another by swapping the prefix.
 * Pure functions, tested as tables in test/site/i18n.test.ts.
 */
import { DEFAULT_UI_LANGUAGE, isUiLanguage, type UiLanguage } from '../../../shared/languages.ts';

/** Split `/path?query#hash` into its path and the rest. */
function splitPath(path: string): { pathname: string; suffix: string } {
  const at = path.search(/[?#]/);
  return at < 0 ? { pathname: path, suffix: '' } : { pathname: path.slice(0, at), suffix: path.slice(at) };
}

/** Pages are directories (`trailingSlash: 'always'`): add the slash unless the last segment is a file. */
function withTrailingSlash(pathname: string): string {
  if (pathname.endsWith('/')) return pathname;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last.includes('.') ? pathname : `${pathname}/`;
}

/** The UI language a site path is in (`/ar/regioner/x/` → `ar`, `/regioner/x/` → `sv`). */
export function languageOfPath(path: string): UiLanguage {
  const first = splitPath(path).pathname.split('/')[1];
  return first !== DEFAULT_UI_LANGUAGE && isUiLanguage(first) ? first : DEFAULT_UI_LANGUAGE;
}

/** The language-neutral part of a site path (`/ar/regioner/x/` → `/regioner/x/`, `/en` → `/`). */
export function neutralPath(path: string): string {
  const { pathname, suffix } = splitPath(path);
  const absolute = pathname.startsWith('/') ? pathname : `/${pathname}`;
  const lang = languageOfPath(absolute);
  const rest = lang === DEFAULT_UI_LANGUAGE ? absolute : absolute.slice(lang.length + 1) || '/';
  return withTrailingSlash(rest) + suffix;
}

/**
 * The path of a language-neutral page in `lang`: `localizedPath('ar', '/regioner/x/')` → `/ar/regioner/x/`,
 * `localizedPath('sv', '/regioner/x')` → `/regioner/x/`. Query and fragment are kept.
 */
export function localizedPath(lang: UiLanguage, path: string): string {
  const { pathname, suffix } = splitPath(path);
  const absolute = withTrailingSlash(pathname.startsWith('/') ? pathname : `/${pathname}`);
  return (lang === DEFAULT_UI_LANGUAGE ? absolute : `/${lang}${absolute}`) + suffix;
}

/** The same page in another language: `switchLanguagePath('/ar/regioner/x/', 'sv')` → `/regioner/x/`. */
export function switchLanguagePath(currentPath: string, toLang: UiLanguage): string {
  return localizedPath(toLang, neutralPath(currentPath));
}
