/**
 * Pure helpers of the coverage page, shared by the build-time page and the island (no zod, no JSON, no
 * Intl: the same output on the server and in every browser, so hydration never differs).
 */
import type { MunicipalityCoverage, RegionCoverage } from '../../../../shared/coverage.ts';
import type { ExchangeFigures, ExchangeStatsResponse } from '../../../../shared/exchange.ts';
import type sv from '../../i18n/coverage/sv.json';

export type CoverageKey = keyof typeof sv;
export type CoverageStrings = Record<CoverageKey, string>;
export type Vars = Record<string, string | number>;

/** `strings[key]` with `{placeholders}` filled; an unknown key throws (a typo fails the build). */
export function ct(strings: CoverageStrings, key: CoverageKey, vars?: Vars): string {
  const template = strings[key];
  if (template === undefined) throw new Error(`Unknown coverage string "${key}"`);
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** A share (0–1) as a whole percent in the page's language; `–` for none. */
export function percent(strings: CoverageStrings, share: number | null): string {
  if (share === null) return ct(strings, 'value.none');
  return ct(strings, 'value.percent', { value: Math.round(share * 100) });
}

/** Numbers: Latin digits everywhere (as the portal writes them), no grouping (counts are small). */
export const num = (value: number | null | undefined, strings: CoverageStrings): string =>
  value === null || value === undefined ? ct(strings, 'value.none') : String(value);

/** A region's stale items as "3 (12 %)"; `–` when the store could not be read (nothing to count). */
export function staleCell(region: RegionCoverage, strings: CoverageStrings): string {
  if (region.staleShare === null) return ct(strings, 'value.none');
  return `${region.staleItems} (${percent(strings, region.staleShare)})`;
}

/** One exchange figure: a count, "fewer than 5" for a withheld one (null), 0 for a side with no row. */
export function exchangeCell(value: number | null | undefined, k: number, strings: CoverageStrings): string {
  if (value === undefined) return '0';
  if (value === null) return ct(strings, 'exchange.fewer', { k });
  return String(value);
}

export interface ExchangeRow {
  category: string;
  bought: ExchangeFigures | undefined;
  sold: ExchangeFigures | undefined;
}

/**
 * The exchange table of one county: one row per top-level category with any request, bought or sold,
 * in taxonomy order (categories the taxonomy does not know last). Null when the answer is for another
 * county (a newer choice is being fetched) — empty rows mean no exchange.
 */
export function exchangeRows(
  answer: ExchangeStatsResponse,
  county: string,
  categoryOrder: readonly string[],
): ExchangeRow[] | null {
  const entry = answer.counties.find((c) => c.county === county);
  if (!entry) return null;
  const codes = new Set([...Object.keys(entry.bought), ...Object.keys(entry.sold)]);
  const order = (code: string) => {
    const i = categoryOrder.indexOf(code);
    return i === -1 ? categoryOrder.length : i;
  };
  return [...codes]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((category) => ({ category, bought: entry.bought[category], sold: entry.sold[category] }));
}

/** The value the map shades: one category's on-site count, or all on-site interventions. */
export function mapValue(row: MunicipalityCoverage, category: string): number {
  return category ? (row.categories[category] ?? 0) : row.total;
}

export interface MapStep {
  /** Lowest value of the step (inclusive). */
  from: number;
  /** Highest value of the step (inclusive); null for open-ended. */
  to: number | null;
  label: string;
}

/**
 * Legend steps for values 0…max: always "0" alone (no offer: a gap), then "1", then up to three wider
 * steps. Labels use an en dash (`2–3`), never colour alone.
 */
export function mapSteps(max: number): MapStep[] {
  const bounds = [0, 1];
  if (max > 1) {
    const candidates = max <= 4 ? [2, 3, 4] : [2, Math.ceil(max / 4) + 1, Math.ceil(max / 2) + 1];
    for (const b of candidates) if (b > bounds[bounds.length - 1]! && b <= max) bounds.push(b);
  }
  return bounds.map((from, i) => {
    const next = bounds[i + 1];
    const to = next === undefined ? Math.max(from, max) : next - 1;
    return { from, to, label: from === to ? String(from) : `${from}–${to}` };
  });
}

export function stepOf(steps: readonly MapStep[], value: number): number {
  for (let i = steps.length - 1; i >= 0; i--) if (value >= steps[i]!.from) return i;
  return 0;
}

/** Fill colours of the steps, light to dark (step 0 also gets a hatch pattern on the map). */
export const STEP_COLOURS = ['#f1f1f1', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

export interface Labels {
  /** Top-level category codes, in taxonomy order (the category choice). */
  topCategories: string[];
  /** Languages to choose from (the portal's languages and every language offered anywhere). */
  languageOptions: string[];
  categories: Record<string, string>;
  languages: Record<string, string>;
  audiences: Record<string, string>;
  deliveries: Record<string, string>;
  counties: { code: string; name: string }[];
  regions: Record<string, string>;
}

/** A demand row's filters as text: "Språk: arabiska · Kategori: SFI". */
export function describeFilters(
  filters: Record<string, string>,
  strings: CoverageStrings,
  labels: Labels,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filters)) {
    switch (key) {
      case 'category':
        parts.push(`${ct(strings, 'filter.category')}: ${labels.categories[value] ?? value}`);
        break;
      case 'language':
        parts.push(`${ct(strings, 'filter.language')}: ${labels.languages[value] ?? value}`);
        break;
      case 'audience':
        parts.push(`${ct(strings, 'filter.audience')}: ${labels.audiences[value] ?? value}`);
        break;
      case 'delivery':
        parts.push(`${ct(strings, 'filter.delivery')}: ${labels.deliveries[value] ?? value}`);
        break;
      case 'free':
        parts.push(
          `${ct(strings, 'filter.free')}: ${ct(strings, value === 'true' ? 'value.yes' : 'value.no')}`,
        );
        break;
      case 'open':
        parts.push(
          `${ct(strings, 'filter.open')}: ${ct(strings, value === 'true' ? 'value.yes' : 'value.no')}`,
        );
        break;
      case 'region':
        parts.push(`${ct(strings, 'filter.region')}: ${labels.regions[value] ?? value}`);
        break;
      default:
        parts.push(`${key}: ${value}`);
    }
  }
  return parts.join(' · ');
}

/** The CSV download of one table of the coverage answer (headers in Swedish, else English). */
export function csvHref(county: string, table: 'municipalities' | 'regions' | 'gaps', lang: string): string {
  const params = new URLSearchParams({ format: 'csv', county });
  if (table !== 'municipalities') params.set('table', table);
  if (lang !== 'sv') params.set('lang', lang);
  return `/api/coverage?${params}`;
}
