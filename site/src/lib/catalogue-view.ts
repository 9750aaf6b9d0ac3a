/**
 * From interventions to what a page shows: text in the visitor's language (or Swedish, marked), labels
 * from the vocabulary, names of municipalities and languages, formatted dates, safe links.
 *
 * Pure, and free of the taxonomy and geography modules: the labels come in a `Vocabulary` (built once
 * per language at build time by `vocabulary.ts`, handed to islands as props), so the same code runs at
 * build time and in the browser without shipping every label of every language to a phone.
 */
import type { Intervention, LocalizedText } from '../../../shared/intervention.ts';
import { textDirection, UI_LANGUAGE_TAG, type UiLanguage } from '../../../shared/languages.ts';
import { nextStateChange, REVIEW_STATES, type ReviewState, reviewState } from '../../../shared/review.ts';
import { formatDate, formatNumber, interpolate } from './format.ts';
import type { UiStringKey } from './i18n.ts';
import { localizedPath } from './paths.ts';

/** Labels in one UI language, for everything coded in an intervention. */
export interface Vocabulary {
  /** Every category code → label, in taxonomy order (top-level codes have no dot). */
  categories: Record<string, string>;
  audiences: Record<string, string>;
  delivery: Record<string, string>;
  providerTypes: Record<string, string>;
  /** Content language code → its name in the UI language. */
  languages: Record<string, string>;
  /** Municipality code → name (Swedish names in every language: they are proper names). */
  municipalities: Record<string, string>;
  /** Municipality code → path segment of its page, for the municipalities that have one. */
  municipalityPages: Record<string, string>;
  /** Region id → name. */
  regions: Record<string, string>;
  /** Region id → its review interval in days (GET /api/regions); a region not named here has the default. */
  reviewIntervals: Record<string, number>;
}

/** The UI strings a list of interventions needs; an island gets exactly these as props. */
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
  'intervention.notConfirmedSince',
  'intervention.moreMunicipalities',
  'pagination.label',
  'pagination.page',
  'pagination.previous',
  'pagination.next',
] as const satisfies readonly UiStringKey[];
export type ListStringKey = (typeof LIST_STRING_KEYS)[number];
export type ListStrings = Record<ListStringKey, string>;

/**
 * An intervention together with the region that publishes it (the API's search results carry it, and
 * their review state at answer time).
 */
export type RegionalItem = Intervention & { regionId: string; reviewState?: ReviewState };

export interface ViewContext {
  lang: UiLanguage;
  strings: ListStrings;
  vocab: Vocabulary;
  /** The instant the view is for (epoch ms): the build's for built pages, `Date.now()` in the browser. */
  now: number;
}

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
  regionId: string;
  /** The element id of the intervention in a listing. */
  anchor: string;
  /** The intervention's own page in the visitor's language. */
  href: string;
  title: LocalText;
  summary?: LocalText;
  /** Some of its text is shown in Swedish because it lacks the visitor's language. */
  onlySwedish: boolean;
  category: string;
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
  /** The review state at `now` with the region's interval (shared/review.ts). */
  reviewState: ReviewState;
  /** The formatted lastReviewedAt when the item is overdue (or hidden, reached by a direct link). */
  notConfirmedSince?: string;
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
 * into the islands' browser bundles. test/site/catalogue-view.test.ts holds the two to the same table.
 */
export function localizeText(
  value: LocalizedText,
  ui: UiLanguage,
): { text: string; lang: UiLanguage; fallback: boolean } {
  const own = value[ui];
  if (own) return { text: own, lang: ui, fallback: false };
  return { text: value.sv, lang: 'sv', fallback: ui !== 'sv' };
}

export function localText(value: LocalizedText, ui: UiLanguage): LocalText {
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

/** An e-mail address that can safely become a `mailto:` link (the schema validated it; this re-checks). */
export function emailLink(email: string | undefined): string | undefined {
  return email && /^[^\s@<>"']+@[^\s@<>"']+$/.test(email) ? email : undefined;
}

/** The intervention page of one intervention: one static page per language, the item in the query. */
export function interventionPath(lang: UiLanguage, regionId: string, id: string): string {
  return localizedPath(lang, `/insats/?r=${encodeURIComponent(regionId)}&id=${encodeURIComponent(id)}`);
}

/** The page of a municipality, when it has one. */
export function municipalityPath(lang: UiLanguage, vocab: Vocabulary, code: string): string | undefined {
  const slug = vocab.municipalityPages[code];
  return slug ? localizedPath(lang, `/kommuner/${slug}/`) : undefined;
}

export function whenText(
  item: Pick<Intervention, 'startDate' | 'endDate'>,
  ui: UiLanguage,
  strings: Pick<
    ListStrings,
    'intervention.dateRange' | 'intervention.from' | 'intervention.until' | 'intervention.ongoing'
  >,
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

/** The top-level code of a category (`arbete.praktik` → `arbete`). */
export function topLevel(code: string): string {
  const dot = code.indexOf('.');
  return dot > 0 ? code.slice(0, dot) : code;
}

export const label = (labels: Record<string, string>, code: string): string => labels[code] ?? code;

/** `["Huddinge", "Haninge", "Salem", "Tyresö", "Värmdö"]` → the first `max` and "and 2 more". */
export function shortList(
  names: readonly string[],
  max: number,
  lang: UiLanguage,
  more: string,
): { shown: string[]; more?: string } {
  if (names.length <= max) return { shown: [...names] };
  return {
    shown: names.slice(0, max),
    more: interpolate(more, { count: formatNumber(names.length - max, lang) }),
  };
}

// ── The review routine on the portal (docs/review.md) ────────────────────────────────────────────────

type Reviewed = Pick<RegionalItem, 'regionId' | 'lastReviewedAt'>;

const isReviewState = (value: unknown): value is ReviewState =>
  (REVIEW_STATES as readonly unknown[]).includes(value);

/**
 * An item's review state at `now` with its region's interval (`intervals`; the default for a region not
 * named). A search result brings the state the API computed when it answered; that one is used.
 */
export function itemReviewState(
  item: Reviewed & { reviewState?: unknown },
  now: number,
  intervals: Record<string, number>,
): ReviewState {
  if (isReviewState(item.reviewState)) return item.reviewState;
  return reviewState(item, now, intervals[item.regionId]);
}

/** The note on an item: "not confirmed since <date>" when it is overdue (or hidden, by a direct link). */
export const showsNotConfirmed = (state: ReviewState): boolean => state === 'overdue' || state === 'hidden';

/**
 * What a listing shows at `now`: every item but the `hidden` ones (unconfirmed for two intervals and the
 * grace), as newcomer search does. Order kept.
 */
export function visibleItems<T extends Reviewed>(
  items: readonly T[],
  now: number,
  intervals: Record<string, number>,
): T[] {
  return items.filter((item) => reviewState(item, now, intervals[item.regionId]) !== 'hidden');
}

/**
 * The first instant after `now` (epoch ms) at which one of `items` changes what a listing shows: it
 * becomes overdue (the note appears) or hidden (it leaves the list). States change one millisecond after
 * a deadline ("older than" is strict), so this is that millisecond. `undefined` when nothing will change
 * (no item has a date to count from, or every item is already hidden).
 */
export function nextReviewChange(
  items: readonly Reviewed[],
  now: number,
  intervals: Record<string, number>,
): number | undefined {
  let next = Number.POSITIVE_INFINITY;
  for (const item of items) {
    next = Math.min(next, nextStateChange(item, now, intervals[item.regionId], ['overdueAt', 'hiddenAt']));
  }
  return Number.isFinite(next) ? next : undefined;
}

/**
 * True when a page built with `reviewChangeAt` (nextReviewChange at the build) is viewed at `now` or
 * later: an item it lists has become overdue or hidden since, so the list must be read and drawn again.
 */
export const reviewChangePassed = (reviewChangeAt: number | undefined, now: number): boolean =>
  reviewChangeAt !== undefined && now >= reviewChangeAt;

export function interventionView(item: RegionalItem, ctx: ViewContext): InterventionView {
  const { lang, strings, vocab } = ctx;
  const state = itemReviewState(item, ctx.now, vocab.reviewIntervals);
  const title = localText(item.title, lang);
  const summary = item.summary ? localText(item.summary, lang) : undefined;
  const top = topLevel(item.category);
  return {
    id: item.id,
    regionId: item.regionId,
    anchor: `insats-${item.regionId}-${item.id}`,
    href: interventionPath(lang, item.regionId, item.id),
    title,
    summary,
    onlySwedish: title.fallback || Boolean(summary?.fallback),
    category: label(vocab.categories, top),
    subcategory: top !== item.category ? label(vocab.categories, item.category) : undefined,
    municipalities: item.municipalities.map((code) => label(vocab.municipalities, code)),
    languages: item.languages.map((code) => label(vocab.languages, code)),
    audiences: item.audiences.map((code) => label(vocab.audiences, code)),
    delivery: label(vocab.delivery, item.delivery),
    provider: item.provider.name,
    contact: {
      email: emailLink(item.contact?.email),
      phone: phoneLink(item.contact?.phone),
      url: webLink(item.contact?.url),
    },
    when: whenText(item, lang, strings),
    lastReviewed: item.lastReviewedAt ? formatDate(item.lastReviewedAt, lang) : undefined,
    reviewState: state,
    notConfirmedSince:
      showsNotConfirmed(state) && item.lastReviewedAt ? formatDate(item.lastReviewedAt, lang) : undefined,
  };
}

/**
 * Interventions grouped by top-level category in taxonomy order; within a group by sub-category
 * (taxonomy order), then by title in the visitor's language.
 */
export function groupByCategory(items: readonly RegionalItem[], ctx: ViewContext): CategoryGroup[] {
  const order = new Map(Object.keys(ctx.vocab.categories).map((code, index) => [code, index]));
  const orderOf = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
  const collator = new Intl.Collator(UI_LANGUAGE_TAG[ctx.lang]);
  const groups = new Map<string, { item: RegionalItem; view: InterventionView }[]>();
  for (const item of items) {
    const top = topLevel(item.category);
    let group = groups.get(top);
    if (!group) {
      group = [];
      groups.set(top, group);
    }
    group.push({ item, view: interventionView(item, ctx) });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .map(([code, entries]) => ({
      code,
      label: label(ctx.vocab.categories, code),
      anchor: `kategori-${code}`,
      items: entries
        .sort(
          (a, b) =>
            orderOf(a.item.category) - orderOf(b.item.category) ||
            collator.compare(a.view.title.text, b.view.title.text) ||
            a.view.anchor.localeCompare(b.view.anchor),
        )
        .map((entry) => entry.view),
    }));
}

export interface RegionCounts {
  total: number;
  /** Top-level category code → count (parents include their sub-categories). */
  category: Record<string, number>;
  municipality: Record<string, number>;
}

/** Items per top-level category (parents count their sub-categories) and per municipality. */
export function countItems(
  items: readonly Pick<RegionalItem, 'category' | 'municipalities'>[],
): RegionCounts {
  const category: Record<string, number> = {};
  const municipality: Record<string, number> = {};
  for (const item of items) {
    const dot = item.category.indexOf('.');
    const top = dot > 0 ? item.category.slice(0, dot) : item.category;
    category[top] = (category[top] ?? 0) + 1;
    for (const code of item.municipalities) municipality[code] = (municipality[code] ?? 0) + 1;
  }
  return { total: items.length, category, municipality };
}
