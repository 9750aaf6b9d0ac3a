/**
 * The coverage page's own UI strings: `site/src/i18n/coverage/<lang>.json`, flat dotted keys, Swedish
 * the reference. The record's type makes a key missing in any language a type error; the test
 * test/coverage/site-i18n.test.ts also checks the placeholders. Islands get one language's strings as a
 * prop and use `ct` from view.ts (no JSON in the browser bundle).
 */
import type { UiLanguage } from '../../../../shared/languages.ts';
import ar from '../../i18n/coverage/ar.json' with { type: 'json' };
import en from '../../i18n/coverage/en.json' with { type: 'json' };
import fa from '../../i18n/coverage/fa.json' with { type: 'json' };
import so from '../../i18n/coverage/so.json' with { type: 'json' };
import sv from '../../i18n/coverage/sv.json' with { type: 'json' };
import ti from '../../i18n/coverage/ti.json' with { type: 'json' };
import uk from '../../i18n/coverage/uk.json' with { type: 'json' };
import { type CoverageKey, type CoverageStrings, ct, type Vars } from './view.ts';

export const COVERAGE_STRINGS: Record<UiLanguage, CoverageStrings> = { sv, en, ar, fa, so, ti, uk };

/** A coverage UI string in `lang` (build time). */
export function t(lang: UiLanguage, key: CoverageKey, vars?: Vars): string {
  return ct(COVERAGE_STRINGS[lang], key, vars);
}
