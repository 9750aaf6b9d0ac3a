/**
 * The coverage answer as CSV for spreadsheets: semicolon-separated, UTF-8 with BOM, CRLF, as Swedish
 * Excel opens it. Every cell — headers, names from the registry, numbers — goes through
 * `neutraliseCell`, so a value starting with `=`, `+`, `-`, `@` (or tab/CR) is never run as a formula.
 * Headers and labels are Swedish, or English for any other language; numbers use the decimal comma in
 * Swedish and the point in English.
 */
import type { CoverageResponse, CoverageTable } from '../../shared/coverage.ts';
import { getCounty } from '../../shared/geo.ts';
import { languageName, type UiLanguage } from '../../shared/languages.ts';
import { categoryLabel } from '../../shared/taxonomy.ts';
import { neutraliseCell } from '../catalogue/upload/cells.ts';
import { formatCsvRow } from '../catalogue/upload/csv.ts';

const BOM = '\uFEFF';
const CRLF = '\r\n';

type CsvLang = 'sv' | 'en';

const HEADERS = {
  municipalityCode: { sv: 'Kommunkod', en: 'Municipality code' },
  municipality: { sv: 'Kommun', en: 'Municipality' },
  county: { sv: 'Län', en: 'County' },
  onSite: { sv: 'Insatser på plats', en: 'On-site interventions' },
  remote: { sv: 'Distansinsatser (räknas separat)', en: 'Remote offers (counted separately)' },
  newcomersYear: { sv: 'Nyanlända, år', en: 'Newcomers, year' },
  newcomers: { sv: 'Nyanlända', en: 'Newcomers' },
  perHundred: { sv: 'Insatser per 100 nyanlända', en: 'Interventions per 100 newcomers' },
  language: { sv: 'Språk', en: 'Language' },
  regionId: { sv: 'Region-id', en: 'Region id' },
  region: { sv: 'Region', en: 'Region' },
  status: { sv: 'Status', en: 'Status' },
  version: { sv: 'Version', en: 'Version' },
  publishedAt: { sv: 'Senast publicerad', en: 'Last published' },
  daysSince: { sv: 'Dagar sedan publicering', en: 'Days since publishing' },
  items: { sv: 'Insatser', en: 'Interventions' },
  remoteItems: { sv: 'Varav på distans', en: 'Of which remote' },
  reviewed: { sv: 'Granskade inom {days} dagar (%)', en: 'Reviewed within {days} days (%)' },
  summary: { sv: 'Med sammanfattning (%)', en: 'With summary (%)' },
  contact: { sv: 'Med kontaktuppgifter (%)', en: 'With contact details (%)' },
  dates: { sv: 'Med datum (%)', en: 'With dates (%)' },
  translations: { sv: 'Med översättning (%)', en: 'With translation (%)' },
  staleItems: { sv: 'Inaktuella (dolda i sökningen)', en: 'Stale (hidden from search)' },
  staleShare: { sv: 'Inaktuella (%)', en: 'Stale (%)' },
  stale: {
    sv: 'Inaktuella insatser (dolda i sökningen, räknas separat)',
    en: 'Stale interventions (hidden from search, counted separately)',
  },
  gapType: { sv: 'Lucka', en: 'Gap' },
  category: { sv: 'Kategori', en: 'Category' },
  remoteOffers: { sv: 'Distansinsatser som når kommunen', en: 'Remote offers reaching the municipality' },
} as const satisfies Record<string, Record<CsvLang, string>>;

const GAP_TYPES = {
  required: { sv: 'Obligatorisk kategori saknas på plats', en: 'Required category missing on site' },
  combination: {
    sv: 'Kategori och språk erbjuds ingenstans',
    en: 'Category and language offered nowhere',
  },
};

const STATUS = {
  ok: { sv: 'ok', en: 'ok' },
  stale: { sv: 'inaktuell (senast lästa version)', en: 'stale (last loaded version)' },
  unavailable: { sv: 'kan inte nås', en: 'unavailable' },
};

function number(value: number | null | undefined, lang: CsvLang): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

const percent = (share: number | null, lang: CsvLang) =>
  share === null ? '' : number(Math.round(share * 1000) / 10, lang);

/** Rows → CSV text, every cell neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((cells) => formatCsvRow(cells.map(neutraliseCell), ';')).join(CRLF) + CRLF;
}

export function coverageTableRows(
  answer: CoverageResponse,
  table: CoverageTable,
  uiLang: UiLanguage,
): string[][] {
  const lang: CsvLang = uiLang === 'sv' ? 'sv' : 'en';
  const h = (key: keyof typeof HEADERS) => HEADERS[key][lang];
  const countyName = (code: string) => getCounty(code)?.name ?? code;
  if (table === 'regions') {
    return [
      [
        h('regionId'),
        h('region'),
        h('county'),
        h('status'),
        h('version'),
        h('publishedAt'),
        h('daysSince'),
        h('items'),
        h('remoteItems'),
        h('reviewed').replace('{days}', String(answer.reviewIntervalDays)),
        h('summary'),
        h('contact'),
        h('dates'),
        h('translations'),
        h('staleItems'),
        h('staleShare'),
      ],
      ...answer.regions.map((r) => [
        r.id,
        r.name,
        r.county.map(countyName).join(', '),
        STATUS[r.status][lang],
        number(r.version, lang),
        r.publishedAt ?? '',
        number(r.daysSinceLastPublish, lang),
        number(r.itemCount, lang),
        number(r.remoteCount, lang),
        percent(r.reviewed.share, lang),
        percent(r.fields.summary, lang),
        percent(r.fields.contact, lang),
        percent(r.fields.dates, lang),
        percent(r.fields.translations, lang),
        number(r.staleItems, lang),
        percent(r.staleShare, lang),
      ]),
    ];
  }
  if (table === 'gaps') {
    return [
      [
        h('gapType'),
        h('municipalityCode'),
        h('municipality'),
        h('category'),
        h('language'),
        h('remoteOffers'),
      ],
      ...answer.gaps.municipalities.map((g) => [
        GAP_TYPES.required[lang],
        g.code,
        g.name,
        categoryLabel(g.category, lang),
        '',
        number(g.remoteOffers, lang),
      ]),
      ...answer.gaps.categoryLanguages.map((g) => [
        GAP_TYPES.combination[lang],
        '',
        '',
        categoryLabel(g.category, lang),
        languageName(g.language, lang),
        '',
      ]),
    ];
  }
  return [
    [
      h('municipalityCode'),
      h('municipality'),
      h('county'),
      h('onSite'),
      ...answer.categories.map((c) => categoryLabel(c, lang)),
      ...answer.languages.map((l) => `${h('language')}: ${languageName(l, lang)}`),
      h('remote'),
      h('newcomersYear'),
      h('newcomers'),
      h('perHundred'),
      h('stale'),
    ],
    ...answer.municipalities.map((m) => [
      m.code,
      m.name,
      countyName(m.county),
      number(m.total, lang),
      ...answer.categories.map((c) => number(m.categories[c] ?? 0, lang)),
      ...answer.languages.map((l) => number(m.languages[l] ?? 0, lang)),
      number(m.remote, lang),
      number(m.newcomers?.year, lang),
      number(m.newcomers?.count, lang),
      number(m.perHundredNewcomers, lang),
      number(m.stale, lang),
    ]),
  ];
}

export function coverageCsv(answer: CoverageResponse, table: CoverageTable, uiLang: UiLanguage): string {
  return toCsv(coverageTableRows(answer, table, uiLang));
}

export function csvFileName(answer: CoverageResponse, table: CoverageTable): string {
  const parts = ['tackning', table, answer.scope.county ? `lan-${answer.scope.county}` : 'riket'];
  if (answer.scope.region) parts.push(answer.scope.region);
  if (answer.scope.category) parts.push(answer.scope.category);
  if (answer.scope.language) parts.push(answer.scope.language);
  return `${parts.join('-')}.csv`;
}
