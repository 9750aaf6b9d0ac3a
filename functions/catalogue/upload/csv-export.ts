/**
 * The catalogue as a spreadsheet in the upload template's shape: UTF-8 with BOM (Excel then reads å, ä, ö
 * right), `;` separator (Swedish Excel), CRLF, Swedish headers in template order, then the translation
 * columns and extra columns that are in use. Codes for municipalities, categories and other vocabularies,
 * multi-values joined with `|`. Every cell that a spreadsheet could run as a formula is neutralised with
 * a leading `'`, which the importer removes again: export → upload loses nothing.
 */
import type { Intervention } from '../../../shared/intervention.ts';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/languages.ts';
import { neutraliseCell } from './cells.ts';
import { COLUMNS, type ColumnDef, type FieldKey } from './columns.ts';
import { formatCsvRow } from './csv.ts';

export { neutraliseCell };

const BOM = '\uFEFF';
const CRLF = '\r\n';

const formatNumber = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));

function costCell(cost: Intervention['cost']): string {
  if (cost.free) return 'kostnadsfri';
  return cost.amountSek !== undefined ? formatNumber(cost.amountSek) : 'avgift';
}

/** The cell of one (non-localized) field. */
function cellOf(item: Intervention, key: FieldKey): string {
  const inter = item.interMunicipal;
  switch (key) {
    case 'id':
      return item.id;
    case 'category':
      return item.category;
    case 'municipalities':
      return item.municipalities.join('|');
    case 'languages':
      return item.languages.join('|');
    case 'audiences':
      return item.audiences.join('|');
    case 'delivery':
      return item.delivery;
    case 'providerName':
      return item.provider.name;
    case 'providerType':
      return item.provider.type;
    case 'street':
      return item.location?.street ?? '';
    case 'postalCode':
      return item.location?.postalCode ?? '';
    case 'city':
      return item.location?.city ?? '';
    case 'url':
      return item.contact?.url ?? '';
    case 'email':
      return item.contact?.email ?? '';
    case 'phone':
      return item.contact?.phone ?? '';
    case 'startDate':
      return item.startDate ?? '';
    case 'endDate':
      return item.endDate ?? '';
    case 'cost':
      return costCell(item.cost);
    case 'openToOthers':
      return inter ? (inter.open ? 'ja' : 'nej') : '';
    case 'pricePerParticipant':
      return formatNumber(inter?.pricePerParticipantSek);
    case 'placesAvailable':
      return formatNumber(inter?.placesAvailable);
    case 'pricePeriod':
      return inter?.pricePeriod ?? '';
    case 'placesUpdatedAt':
      return inter?.placesUpdatedAt ?? '';
    case 'lastReviewed':
      return item.lastReviewedAt ?? '';
    case 'reviewedBy':
      return item.reviewedBy ?? '';
    default:
      return '';
  }
}

interface ExportColumn {
  header: string;
  value: (item: Intervention) => string;
}

function localizedColumn(def: ColumnDef, lang: UiLanguage): ExportColumn {
  const field = def.key as 'title' | 'summary' | 'description';
  return {
    header: lang === 'sv' ? def.sv : `${def.sv}_${lang}`,
    value: (item) => item[field]?.[lang] ?? '',
  };
}

function exportColumns(items: readonly Intervention[]): ExportColumn[] {
  const columns: ExportColumn[] = [];
  for (const def of COLUMNS) {
    if (def.extra) continue;
    columns.push(
      def.localized ? localizedColumn(def, 'sv') : { header: def.sv, value: (item) => cellOf(item, def.key) },
    );
  }
  for (const def of COLUMNS) {
    if (def.extra && items.some((item) => cellOf(item, def.key) !== '')) {
      columns.push({ header: def.sv, value: (item) => cellOf(item, def.key) });
    }
  }
  const localized = COLUMNS.filter((def) => def.localized);
  for (const lang of UI_LANGUAGES) {
    if (lang === 'sv') continue;
    for (const def of localized) {
      const column = localizedColumn(def, lang);
      if (items.some((item) => column.value(item) !== '')) columns.push(column);
    }
  }
  return columns;
}

function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((cells) => formatCsvRow(cells.map(neutraliseCell), ';'));
  return BOM + lines.join(CRLF) + CRLF;
}

export function exportCsv(items: readonly Intervention[]): string {
  const columns = exportColumns(items);
  return toCsv(
    columns.map((c) => c.header),
    items.map((item) => columns.map((c) => c.value(item))),
  );
}

/** One example row, written the way an administrator would (Swedish names, not codes). */
const TEMPLATE_EXAMPLE: Partial<Record<string, string>> = {
  id: 'exempel-1',
  titel: 'Språkcafé för nyanlända',
  sammanfattning: 'Öva svenska i en avslappnad miljö tillsammans med volontärer.',
  beskrivning: 'Varje tisdag kl. 17–19 på biblioteket.\nIngen anmälan behövs – kom när du vill!',
  kategori: 'Språkstöd',
  kommuner: 'Huddinge|Haninge',
  språk: 'svenska|arabiska|dari',
  målgrupp: 'Alla',
  form: 'På plats',
  anordnare: 'Huddinge kommun',
  anordnartyp: 'Kommun',
  adress: 'Storgatan 1',
  postnummer: '141 35',
  ort: 'Huddinge',
  webbplats: 'https://www.example.se/sprakcafe',
  'e-post': 'sprakcafe@example.se',
  telefon: '08-123 456 78',
  startdatum: '2026-09-01',
  slutdatum: '2026-12-15',
  kostnad: 'gratis',
  öppen_för_andra_kommuner: 'ja',
  pris_per_deltagare: '0',
  lediga_platser: '10',
  senast_granskad: '2026-08-15',
  granskad_av: 'Anna Andersson',
  titel_en: 'Language café for newcomers',
};

/** The blank template: the header row (Swedish, template order, plus `titel_en`) and one example row. */
export function templateCsv(): string {
  const headers = [...COLUMNS.filter((def) => !def.extra).map((def) => def.sv), 'titel_en'];
  return toCsv(headers, [headers.map((h) => TEMPLATE_EXAMPLE[h] ?? '')]);
}
