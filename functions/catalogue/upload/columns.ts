/**
 * The upload template's columns: one table read by the header mapping (import) and the CSV export.
 * Order = the template's order in the brief. `extra` columns are not in the blank template; the export
 * writes them only when an item uses them, so that export → upload loses nothing.
 */
import type { UiLanguage } from '../../../shared/languages.ts';

export type FieldKey =
  | 'id'
  | 'title'
  | 'summary'
  | 'description'
  | 'category'
  | 'municipalities'
  | 'languages'
  | 'audiences'
  | 'delivery'
  | 'providerName'
  | 'providerType'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'url'
  | 'email'
  | 'phone'
  | 'startDate'
  | 'endDate'
  | 'cost'
  | 'openToOthers'
  | 'pricePerParticipant'
  | 'placesAvailable'
  | 'lastReviewed'
  | 'reviewedBy'
  | 'pricePeriod'
  | 'placesUpdatedAt';

export interface ColumnDef {
  key: FieldKey;
  /** The Swedish header (the template's own). */
  sv: string;
  /** The English alias. */
  en: string;
  /** Other spellings people use. Compared after `headerKey` normalisation. */
  aliases?: readonly string[];
  /** A file without this column is refused. */
  required?: boolean;
  /** Localized text: translations come as `<header>_<lang>`. */
  localized?: boolean;
  /** Not in the blank template; exported only when used. */
  extra?: boolean;
  /** Where the value lives in an Intervention (dot path). */
  path: string;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'id', sv: 'id', en: 'id', aliases: ['insats-id'], required: true, path: 'id' },
  {
    key: 'title',
    sv: 'titel',
    en: 'title',
    aliases: ['namn', 'rubrik', 'name'],
    required: true,
    localized: true,
    path: 'title',
  },
  {
    key: 'summary',
    sv: 'sammanfattning',
    en: 'summary',
    aliases: ['kort beskrivning', 'ingress'],
    localized: true,
    path: 'summary',
  },
  {
    key: 'description',
    sv: 'beskrivning',
    en: 'description',
    aliases: ['lång beskrivning'],
    localized: true,
    path: 'description',
  },
  {
    key: 'category',
    sv: 'kategori',
    en: 'category',
    aliases: ['kategorier', 'insatstyp', 'typ av insats'],
    required: true,
    path: 'category',
  },
  {
    key: 'municipalities',
    sv: 'kommuner',
    en: 'municipalities',
    aliases: ['kommun', 'municipality', 'kommunkod', 'kommunkoder'],
    required: true,
    path: 'municipalities',
  },
  {
    key: 'languages',
    sv: 'språk',
    en: 'languages',
    aliases: ['language', 'språkstöd på'],
    path: 'languages',
  },
  {
    key: 'audiences',
    sv: 'målgrupp',
    en: 'audiences',
    aliases: ['målgrupper', 'audience', 'target group'],
    path: 'audiences',
  },
  {
    key: 'delivery',
    sv: 'form',
    en: 'delivery',
    aliases: ['genomförande', 'genomförandeform', 'format'],
    path: 'delivery',
  },
  {
    key: 'providerName',
    sv: 'anordnare',
    en: 'provider',
    aliases: ['utförare', 'arrangör', 'provider name'],
    required: true,
    path: 'provider.name',
  },
  {
    key: 'providerType',
    sv: 'anordnartyp',
    en: 'provider_type',
    aliases: ['typ av anordnare', 'huvudman'],
    path: 'provider.type',
  },
  {
    key: 'street',
    sv: 'adress',
    en: 'street',
    aliases: ['gatuadress', 'address', 'besöksadress'],
    path: 'location.street',
  },
  {
    key: 'postalCode',
    sv: 'postnummer',
    en: 'postal_code',
    aliases: ['postnr', 'postcode', 'zip'],
    path: 'location.postalCode',
  },
  { key: 'city', sv: 'ort', en: 'city', aliases: ['postort', 'stad'], path: 'location.city' },
  {
    key: 'url',
    sv: 'webbplats',
    en: 'url',
    aliases: ['webbadress', 'hemsida', 'länk', 'website', 'webb'],
    path: 'contact.url',
  },
  {
    key: 'email',
    sv: 'e-post',
    en: 'email',
    aliases: ['mejl', 'mail', 'e-postadress', 'e-mail'],
    path: 'contact.email',
  },
  {
    key: 'phone',
    sv: 'telefon',
    en: 'phone',
    aliases: ['telefonnummer', 'tel', 'telephone'],
    path: 'contact.phone',
  },
  { key: 'startDate', sv: 'startdatum', en: 'start_date', aliases: ['start', 'startar'], path: 'startDate' },
  { key: 'endDate', sv: 'slutdatum', en: 'end_date', aliases: ['slut', 'slutar'], path: 'endDate' },
  { key: 'cost', sv: 'kostnad', en: 'cost', aliases: ['avgift', 'pris för deltagare'], path: 'cost' },
  {
    key: 'openToOthers',
    sv: 'öppen_för_andra_kommuner',
    en: 'open_to_other_municipalities',
    aliases: ['öppen för andra', 'säljs till andra kommuner'],
    path: 'interMunicipal.open',
  },
  {
    key: 'pricePerParticipant',
    sv: 'pris_per_deltagare',
    en: 'price_per_participant',
    path: 'interMunicipal.pricePerParticipantSek',
  },
  {
    key: 'placesAvailable',
    sv: 'lediga_platser',
    en: 'places_available',
    aliases: ['platser', 'antal lediga platser'],
    path: 'interMunicipal.placesAvailable',
  },
  {
    key: 'lastReviewed',
    sv: 'senast_granskad',
    en: 'last_reviewed',
    aliases: ['granskad', 'granskningsdatum', 'last_reviewed_at'],
    path: 'lastReviewedAt',
  },
  { key: 'reviewedBy', sv: 'granskad_av', en: 'reviewed_by', aliases: ['granskare'], path: 'reviewedBy' },
  {
    key: 'pricePeriod',
    sv: 'prisperiod',
    en: 'price_period',
    extra: true,
    path: 'interMunicipal.pricePeriod',
  },
  {
    key: 'placesUpdatedAt',
    sv: 'platser_uppdaterade',
    en: 'places_updated_at',
    extra: true,
    path: 'interMunicipal.placesUpdatedAt',
  },
];

export const COLUMN_BY_KEY: ReadonlyMap<FieldKey, ColumnDef> = new Map(COLUMNS.map((c) => [c.key, c]));

/** Fields that take several values in one cell. */
export const MULTI_VALUE_KEYS: ReadonlySet<FieldKey> = new Set(['municipalities', 'languages', 'audiences']);

/**
 * Header normalisation: case, spaces, punctuation and diacritics do not matter
 * (`Språk`, `sprak`, ` SPRÅK `, `e-post`, `E post`, `epost` all match).
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The column that owns an Intervention path (`['contact','email']` → email, `['title','en']` → title + en). */
export function columnOfPath(
  path: readonly PropertyKey[],
): { def: ColumnDef; lang?: UiLanguage } | undefined {
  const parts = path.map(String);
  const [head, second] = parts;
  if (!head) return undefined;
  for (const def of COLUMNS) {
    const defParts = def.path.split('.');
    if (def.localized && head === def.path) {
      return { def, lang: (second ?? 'sv') as UiLanguage };
    }
    if (defParts.length === 1 && defParts[0] === head) return { def };
    if (defParts.length === 2 && defParts[0] === head && defParts[1] === second) return { def };
  }
  // Containers as a whole: a missing provider is a missing provider name; cost.* is the cost column.
  const container: Record<string, FieldKey> = {
    provider: 'providerName',
    cost: 'cost',
    interMunicipal: 'openToOthers',
    location: 'street',
    contact: 'url',
  };
  const key = container[head];
  return key ? { def: COLUMN_BY_KEY.get(key)! } : undefined;
}
