/**
 * From interventions to what a list shows: text in the visitor's language (or Swedish, marked),
 * labels from the taxonomy, names of municipalities and languages, formatted dates, safe links.
 * Pure; used at build time (the static list) and in the browser (the live island), so both render
 * exactly the same thing.
 */
import { municipalityName } from '../../../shared/geo.ts';
import type { Intervention, LocalizedText } from '../../../shared/intervention.ts';
import { languageName, textDirection, UI_LANGUAGE_TAG, type UiLanguage } from '../../../shared/languages.ts';
import {
  AUDIENCES,
  CATEGORIES,
  categoryLabel,
  DELIVERY_MODES,
  getCategory,
  termLabel,
  topLevelCategory,
} from '../../../shared/taxonomy.ts';
import { formatDate, interpolate, type UiStringKey } from './i18n.ts';

/** The UI strings a catalogue list needs; an island gets exactly these as props. */
export const LIST_STRING_KEYS = [
  'region.categories',
  'region.empty',
  'intervention.onlySwedish',
  'intervention.municipalities',
  'intervention.languages',
  'intervention.audiences',
  'intervention.delivery',
  'intervention.provider',
  'intervention.contact',
  'intervention.email',
  'intervention.phone',
  'intervention.website',
  'intervention.when',
  'intervention.ongoing',
  'intervention.dateRange',
  'intervention.from',
  'intervention.until',
  'intervention.lastReviewed',
  'intervention.notReviewed',
] as const satisfies readonly UiStringKey[];
export type ListStringKey = (typeof LIST_STRING_KEYS)[number];
export type ListStrings = Record<ListStringKey, string>;

/** Text with the language it is actually in; `fallback` when Swedish stands in for the visitor's language. */
export interface LocalText {
  text: string;
  lang: UiLanguage;
  /** BCP 47 tag for the `lang` attribute. */
  tag: string;
  dir: 'ltr' | 'rtl';
  fallback: boolean;
}

export interface InterventionView {
  id: string;
  /** The element id of the intervention on the page. */
  anchor: string;
  title: LocalText;
  summary?: LocalText;
  /** Some of its text is shown in Swedish because it lacks the visitor's language. */
  onlySwedish: boolean;
  /** The sub-category's label when the intervention has one (`arbete.praktik` → "Praktik"). */
  subcategory?: string;
  municipalities: string[];
  languages: string[];
  audiences: string[];
  delivery: string;
  provider: string;
  contact: { email?: string; phone?: { text: string; href: string }; url?: { text: string; href: string } };
  when: string;
  lastReviewed?: string;
}

export interface CategoryGroup {
  code: string;
  label: string;
  anchor: string;
  items: InterventionView[];
}

/**
 * The same rule as `localize()` in shared/intervention.ts (the visitor's language, else Swedish with
 * `fallback`), restated here because that module builds zod schemas when loaded, which would put zod
 * into the island's browser bundle. test/site/catalogue-view.test.ts holds the two to the same table.
 */
export function localizeText(
  value: LocalizedText,
  ui: UiLanguage,
): { text: string; lang: UiLanguage; fallback: boolean } {
  const own = value[ui];
  if (own) return { text: own, lang: ui, fallback: false };
  return { text: value.sv, lang: 'sv', fallback: ui !== 'sv' };
}

function localText(value: LocalizedText, ui: UiLanguage): LocalText {
  const local = localizeText(value, ui);
  return {
    text: local.text,
    lang: local.lang,
    tag: UI_LANGUAGE_TAG[local.lang],
    dir: textDirection(local.lang),
    fallback: local.fallback,
  };
}

/** Only http(s) links become links: text from catalogues never becomes a `javascript:` URL. */
export function webLink(url: string | undefined): { text: string; href: string } | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    const text = (parsed.host + parsed.pathname).replace(/\/$/, '') + parsed.search;
    return { text, href: parsed.href };
  } catch {
    return undefined;
  }
}

/** `08-535 300 00` → `tel:0853530000`; `+46 771 416 416` → `tel:+46771416416`. */
export function phoneLink(phone: string | undefined): { text: string; href: string } | undefined {
  if (!phone) return undefined;
  const digits = phone.trim().replace(/(?!^\+)[^\d]/g, '');
  return /^\+?\d{5,20}$/.test(digits) ? { text: phone.trim(), href: `tel:${digits}` } : undefined;
}

export function whenText(
  item: Pick<Intervention, 'startDate' | 'endDate'>,
  ui: UiLanguage,
  strings: ListStrings,
): string {
  const { startDate, endDate } = item;
  if (startDate && endDate) {
    return interpolate(strings['intervention.dateRange'], {
      start: formatDate(startDate, ui),
      end: formatDate(endDate, ui),
    });
  }
  if (startDate) return interpolate(strings['intervention.from'], { date: formatDate(startDate, ui) });
  if (endDate) return interpolate(strings['intervention.until'], { date: formatDate(endDate, ui) });
  return strings['intervention.ongoing'];
}

export function interventionView(item: Intervention, ui: UiLanguage, strings: ListStrings): InterventionView {
  const title = localText(item.title, ui);
  const summary = item.summary ? localText(item.summary, ui) : undefined;
  const category = getCategory(item.category);
  return {
    id: item.id,
    anchor: `insats-${item.id}`,
    title,
    summary,
    onlySwedish: title.fallback || Boolean(summary?.fallback),
    subcategory: category?.parent ? categoryLabel(item.category, ui) : undefined,
    municipalities: item.municipalities.map(municipalityName),
    languages: item.languages.map((code) => languageName(code, ui)),
    audiences: item.audiences.map((code) => termLabel(AUDIENCES, code, ui)),
    delivery: termLabel(DELIVERY_MODES, item.delivery, ui),
    provider: item.provider.name,
    contact: {
      email: item.contact?.email,
      phone: phoneLink(item.contact?.phone),
      url: webLink(item.contact?.url),
    },
    when: whenText(item, ui, strings),
    lastReviewed: item.lastReviewedAt ? formatDate(item.lastReviewedAt, ui) : undefined,
  };
}

const categoryOrder = new Map(CATEGORIES.map((category, index) => [category.code, index]));
const orderOf = (code: string) => categoryOrder.get(code) ?? Number.MAX_SAFE_INTEGER;

/**
 * Interventions grouped by top-level category in taxonomy order; within a group by sub-category
 * (taxonomy order), then by title in the visitor's language.
 */
export function groupByCategory(
  items: readonly Intervention[],
  ui: UiLanguage,
  strings: ListStrings,
): CategoryGroup[] {
  const collator = new Intl.Collator(UI_LANGUAGE_TAG[ui]);
  const groups = new Map<string, { item: Intervention; view: InterventionView }[]>();
  for (const item of items) {
    const top = topLevelCategory(item.category);
    let group = groups.get(top);
    if (!group) {
      group = [];
      groups.set(top, group);
    }
    group.push({ item, view: interventionView(item, ui, strings) });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .map(([code, entries]) => ({
      code,
      label: categoryLabel(code, ui),
      anchor: `kategori-${code}`,
      items: entries
        .sort(
          (a, b) =>
            orderOf(a.item.category) - orderOf(b.item.category) ||
            collator.compare(a.view.title.text, b.view.title.text),
        )
        .map((entry) => entry.view),
    }));
}
