/**
 * Intervention ⇄ HSDS 3.0 service (Open Referral), with the Swedish profile extension `x-insats`
 * (see types.ts for why one extension object, and what is also written in standard HSDS fields).
 *
 * - `toHsdsService(item, regionId)`: a service that validates against the compiled HSDS 3.0 service
 *   schema (shared/data/hsds/service.json). HSDS ids are UUIDs derived from region + id (uuid.ts).
 * - `fromHsdsServices(input, options)`: services (a bare array, the paged envelope `{ contents }`, or one
 *   service) → upload candidates, validated by the same code as CSV and JSON uploads. What HSDS cannot
 *   say and the service does not carry in `x-insats` comes from `options.defaults` (the caller passes the
 *   region's municipalities and, if it wants, a category), reported as a warning per service; when there
 *   is no default either, a clear error per service.
 */
import { getCounty, getMunicipality, municipalityName } from '../../shared/geo.ts';
import { type Intervention, InterventionSchema, PhoneNumber, WebUrl } from '../../shared/intervention.ts';
import { languageName, UI_LANGUAGES } from '../../shared/languages.ts';
import { AUDIENCES, CATEGORY_CODES, getCategory, PROVIDER_TYPES, termLabel } from '../../shared/taxonomy.ts';
import { fieldParams, problem } from '../catalogue/upload/messages.ts';
import type { Problem } from '../catalogue/upload/types.ts';
import type { Candidate } from '../catalogue/upload/validate.ts';
import {
  inferProviderType,
  resolveCategory,
  resolveLanguageLoose,
  resolveMunicipalityLoose,
  resolveTerm,
} from '../catalogue/upload/vocab.ts';
import {
  AUDIENCE_TAXONOMY,
  CATEGORY_TAXONOMY,
  type HsdsAttribute,
  type HsdsService,
  INSATS_EXTENSION,
  INSATS_PROFILE,
  type InsatsProfile,
  MUNICIPALITY_EXTENT_TYPE,
} from './types.ts';
import { stableUuid } from './uuid.ts';

// ---------------------------------------------------------------------------------------------
// Export

const translations = (text: Partial<Record<string, string>> | undefined) => {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const lang of UI_LANGUAGES) if (lang !== 'sv' && text[lang]) out[lang] = text[lang]!;
  return Object.keys(out).length > 0 ? out : undefined;
};

export function toHsdsService(item: Intervention, regionId: string): HsdsService {
  const id = stableUuid(regionId, item.id);
  const sub = (...parts: string[]) => stableUuid(regionId, item.id, ...parts);
  const organizationId = stableUuid(regionId, 'organization', item.provider.name);
  const county = getCounty(getMunicipality(item.municipalities[0] ?? '')?.county ?? '');

  const extension: InsatsProfile = {
    profile: INSATS_PROFILE,
    regionId,
    id: item.id,
    category: item.category,
    municipalities: [...item.municipalities],
    audiences: [...item.audiences],
    delivery: item.delivery,
    providerType: item.provider.type,
  };
  const titleTranslations = translations(item.title);
  if (titleTranslations) extension.title = titleTranslations;
  if (item.summary) extension.summary = { ...item.summary };
  const descriptionTranslations = translations(item.description);
  if (descriptionTranslations) extension.description = descriptionTranslations;
  if (item.startDate) extension.startDate = item.startDate;
  if (item.endDate) extension.endDate = item.endDate;
  extension.cost = { ...item.cost };
  if (item.interMunicipal) extension.interMunicipal = { ...item.interMunicipal };
  if (item.lastReviewedAt) extension.lastReviewedAt = item.lastReviewedAt;
  if (item.reviewedBy) extension.reviewedBy = item.reviewedBy;

  const service: HsdsService = {
    id,
    name: item.title.sv,
    status: 'active',
    organization_id: organizationId,
    organization: {
      id: organizationId,
      name: item.provider.name,
      description: termLabel(PROVIDER_TYPES, item.provider.type, 'sv'),
    },
  };
  if (item.description?.sv) service.description = item.description.sv;
  if (item.contact?.url) service.url = item.contact.url;
  if (item.contact?.email) service.email = item.contact.email;
  if (item.contact?.phone) service.phones = [{ id: sub('phone'), number: item.contact.phone, type: 'voice' }];
  if (item.languages.length > 0) {
    service.languages = item.languages.map((code) => ({
      id: sub('language', code),
      name: languageName(code, 'en'),
      code,
    }));
  }
  service.service_areas = item.municipalities.map((code) => ({
    id: sub('area', code),
    service_id: id,
    name: municipalityName(code),
    description: `${municipalityName(code)} kommun (SCB ${code})`,
    extent: code,
    extent_type: MUNICIPALITY_EXTENT_TYPE,
  }));
  const loc = item.location;
  if (loc && (loc.street || loc.city || loc.postalCode)) {
    const locationId = sub('location');
    service.service_at_locations = [
      {
        id: sub('service-at-location'),
        service_id: id,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          addresses: [
            {
              id: sub('address'),
              address_1: loc.street ?? '',
              city: loc.city ?? '',
              state_province: county?.name ?? '',
              postal_code: loc.postalCode ?? '',
              country: 'SE',
              address_type: 'physical',
            },
          ],
        },
      },
    ];
  }
  service.cost_options = [
    {
      id: sub('cost'),
      service_id: id,
      option: item.cost.free ? 'Kostnadsfri' : 'Avgift',
      currency: 'SEK',
      ...(item.cost.free
        ? { amount: 0 }
        : item.cost.amountSek !== undefined
          ? { amount: item.cost.amountSek }
          : {}),
    },
  ];
  service.attributes = [
    termAttribute(
      id,
      CATEGORY_TAXONOMY,
      item.category,
      getCategory(item.category)?.labels ?? { sv: item.category, en: item.category },
    ),
    ...item.audiences.map((code) =>
      termAttribute(id, AUDIENCE_TAXONOMY, code, {
        sv: termLabel(AUDIENCES, code, 'sv'),
        en: termLabel(AUDIENCES, code, 'en'),
      }),
    ),
  ];
  if (item.lastReviewedAt) service.assured_date = item.lastReviewedAt.slice(0, 10);
  service[INSATS_EXTENSION] = extension;
  return service;
}

function termAttribute(
  serviceId: string,
  taxonomy: string,
  code: string,
  labels: { sv: string; en: string },
): HsdsAttribute {
  const termId = stableUuid('taxonomy', taxonomy, code);
  return {
    id: stableUuid(serviceId, 'attribute', taxonomy, code),
    link_id: serviceId,
    link_type: 'service',
    link_entity: 'service',
    taxonomy_term_id: termId,
    taxonomy_term: { id: termId, code, name: labels.sv, description: labels.en, taxonomy, language: 'sv' },
  };
}

// ---------------------------------------------------------------------------------------------
// Import

export interface HsdsImportDefaults {
  /** Municipality codes for services that name none (typically the region's own). */
  municipalities?: string[];
  /** A category code for services without one from the portal's taxonomy. */
  category?: string;
  /** A provider type for organizations whose type cannot be derived from the name. */
  providerType?: string;
}

export interface HsdsImportOptions {
  defaults?: HsdsImportDefaults;
}

export interface HsdsImport {
  candidates: Candidate[];
  /** Problems about the file as a whole, and services that were skipped (inactive, not a service). */
  problems: Problem[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Obj[] => arr(v).filter(isObj);

/** A bare array of services, the paged envelope `{ contents: [...] }`, or one service. */
export function hsdsServiceList(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input;
  if (isObj(input) && Array.isArray(input.contents)) return input.contents;
  if (isObj(input) && typeof input.name === 'string') return [input];
  return undefined;
}

/** Does parsed JSON look like HSDS (services have `name` and no `title`)? */
export function looksLikeHsds(input: unknown): boolean {
  if (isObj(input) && Array.isArray(input.contents)) return true;
  const list = Array.isArray(input)
    ? input
    : isObj(input) && !Array.isArray(input.interventions)
      ? [input]
      : [];
  const objects = list.filter(isObj);
  return (
    objects.length > 0 &&
    objects.some((o) => typeof o.name === 'string') &&
    objects.every((o) => !('title' in o))
  );
}

/** Where a field of the Intervention comes from in an HSDS service (the `column` of a problem). */
function hsdsColumn(path: readonly PropertyKey[]): string {
  const [head, second] = path.map(String);
  const joined = path.map(String).join('.');
  if (head === 'title')
    return second === 'sv' || second === undefined ? 'name' : `${INSATS_EXTENSION}.${joined}`;
  if (head === 'description')
    return second === 'sv' || second === undefined ? 'description' : `${INSATS_EXTENSION}.${joined}`;
  if (head === 'provider')
    return second === 'type' ? `${INSATS_EXTENSION}.providerType` : 'organization.name';
  if (head === 'contact') return second === 'phone' ? 'phones.0.number' : (second ?? 'url');
  if (head === 'location') {
    const field = { street: 'address_1', postalCode: 'postal_code', city: 'city' }[second ?? ''] ?? '';
    return `service_at_locations.0.location.addresses.0${field ? `.${field}` : ''}`;
  }
  if (head === 'languages') return 'languages';
  if (head === 'id') return 'id';
  return `${INSATS_EXTENSION}.${joined}`;
}

const statusSkipped = new Set(['inactive', 'defunct']);

export function fromHsdsServices(input: unknown, options: HsdsImportOptions = {}): HsdsImport {
  const list = hsdsServiceList(input);
  if (!list) return { candidates: [], problems: [problem('hsds-shape', {}, { row: 0, column: '' })] };
  const problems: Problem[] = [];
  const candidates: Candidate[] = [];
  list.forEach((entry, index) => {
    const row = index + 1;
    if (!isObj(entry) || typeof entry.name !== 'string') {
      problems.push(problem('hsds-not-a-service', { row }, { row, column: '' }));
      return;
    }
    const status = str(entry.status);
    if (status && statusSkipped.has(status)) {
      problems.push(problem('hsds-inactive', { name: entry.name, status }, { row, column: 'status' }));
      return;
    }
    candidates.push(serviceToCandidate(entry, row, options.defaults ?? {}));
  });
  return { candidates, problems };
}

function serviceToCandidate(service: Obj, row: number, defaults: HsdsImportDefaults): Candidate {
  const x: Obj = isObj(service[INSATS_EXTENSION]) ? (service[INSATS_EXTENSION] as Obj) : {};
  const name = str(service.name) ?? '';
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const warn = (
    path: readonly PropertyKey[],
    code: 'hsds-dropped',
    key: Parameters<typeof fieldParams>[0],
    value: string,
  ) => problems.push(problem(code, { ...fieldParams(key), value }, { row, column: hsdsColumn(path), value }));
  const defaulted = (
    key: 'municipalities' | 'category' | 'providerType',
    path: string[],
    valueSv: string,
    valueEn: string,
  ) =>
    problems.push(
      problem('hsds-defaulted', { ...fieldParams(key), valueSv, valueEn }, { row, column: hsdsColumn(path) }),
    );

  const input: Obj = {};
  input.id = str(x.id) ?? service.id;

  // Text: Swedish in the standard fields, other languages in the extension.
  input.title = { ...(isObj(x.title) ? x.title : {}), sv: service.name };
  if (isObj(x.summary)) input.summary = x.summary;
  const description = { ...(isObj(x.description) ? x.description : {}) };
  if (str(service.description)) description.sv = service.description;
  if (Object.keys(description).length > 0) input.description = description;

  // Category: the extension, else a taxonomy term the portal knows, else the default.
  const category = x.category ?? categoryFromAttributes(service.attributes);
  if (category !== undefined) input.category = category;
  else if (defaults.category) {
    input.category = defaults.category;
    const labels = getCategory(defaults.category)?.labels;
    defaulted('category', ['category'], labels?.sv ?? defaults.category, labels?.en ?? defaults.category);
  } else {
    problems.push(
      problem('hsds-missing-category', { name }, { row, column: `${INSATS_EXTENSION}.category` }),
    );
    reported.add('category');
  }

  // Municipalities: the extension, else service areas naming a municipality, else the default.
  const municipalities = x.municipalities ?? municipalitiesFromAreas(service.service_areas);
  if (municipalities !== undefined) input.municipalities = municipalities;
  else if (defaults.municipalities && defaults.municipalities.length > 0) {
    input.municipalities = [...defaults.municipalities];
    const names = defaults.municipalities.map(municipalityName);
    const many = names.length > 6;
    defaulted(
      'municipalities',
      ['municipalities'],
      many ? `regionens ${names.length} kommuner` : names.join(', '),
      many ? `the region's ${names.length} municipalities` : names.join(', '),
    );
  } else {
    problems.push(problem('hsds-missing-municipality', { name }, { row, column: 'service_areas' }));
    reported.add('municipalities');
  }

  // Languages: HSDS codes or names; ones the portal does not know are skipped with a warning.
  const languages: string[] = [];
  for (const language of objs(service.languages)) {
    const raw = str(language.code) ?? str(language.name);
    if (!raw) continue;
    const code =
      resolveLanguageLoose(raw) ??
      (str(language.name) ? resolveLanguageLoose(str(language.name)!) : undefined);
    if (code) {
      if (!languages.includes(code)) languages.push(code);
    } else warn(['languages'], 'hsds-dropped', 'languages', raw);
  }
  if (languages.length > 0) input.languages = languages;

  const audiences = x.audiences ?? audiencesFromAttributes(service.attributes);
  if (audiences !== undefined) input.audiences = audiences;
  const delivery = x.delivery ?? deliveryFromLocations(service);
  if (delivery !== undefined) input.delivery = delivery;

  // Provider: the organization's name; its type from the extension, the default, or the name.
  const organization = isObj(service.organization) ? service.organization : undefined;
  const providerName = str(organization?.name);
  if (!providerName) {
    problems.push(problem('hsds-missing-provider', { name }, { row, column: 'organization.name' }));
    reported.add('provider');
  } else {
    let type = x.providerType;
    if (type === undefined) {
      type = defaults.providerType ?? inferProviderType(providerName) ?? 'municipality';
      const label = {
        sv: termLabel(PROVIDER_TYPES, String(type), 'sv'),
        en: termLabel(PROVIDER_TYPES, String(type), 'en'),
      };
      defaulted('providerType', ['provider', 'type'], label.sv, label.en);
    }
    input.provider = { name: providerName, type };
  }

  // Contact: standard fields; values the portal cannot accept are skipped with a warning.
  const contact: Obj = {};
  const email = str(service.email) ?? str(organization?.email);
  if (email) {
    if (emailSchema.safeParse(email).success) contact.email = email;
    else warn(['contact', 'email'], 'hsds-dropped', 'email', email);
  }
  const url = str(service.url) ?? str(organization?.website);
  if (url) {
    if (WebUrl.safeParse(url).success) contact.url = url;
    else warn(['contact', 'url'], 'hsds-dropped', 'url', url);
  }
  const phoneRaw = firstPhone(service);
  if (phoneRaw) {
    const phone = phoneRaw.replace(/^["'\s]+|["'\s]+$/g, '');
    if (PhoneNumber.safeParse(phone).success) contact.phone = phone;
    else warn(['contact', 'phone'], 'hsds-dropped', 'phone', phoneRaw);
  }
  if (Object.keys(contact).length > 0) input.contact = contact;

  const address = firstAddress(service);
  if (address) {
    const location: Obj = {};
    const street = str(address.address_1);
    const city = str(address.city);
    const postal = str(address.postal_code);
    if (street) location.street = street;
    if (city) location.city = city;
    if (postal) {
      if (/^\d{3} ?\d{2}$/.test(postal)) location.postalCode = postal;
      else warn(['location', 'postalCode'], 'hsds-dropped', 'postalCode', postal);
    }
    if (Object.keys(location).length > 0) input.location = location;
  }

  // Cost: the extension (exact), else the first cost option in SEK.
  const cost = x.cost ?? costFromOptions(service.cost_options);
  if (cost !== undefined) input.cost = cost;
  for (const key of ['startDate', 'endDate', 'interMunicipal', 'reviewedBy'] as const) {
    if (x[key] !== undefined) input[key] = x[key];
  }
  const reviewed =
    x.lastReviewedAt ??
    (typeof service.assured_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(service.assured_date)
      ? service.assured_date
      : undefined);
  if (reviewed !== undefined) input.lastReviewedAt = reviewed;

  return { row, input, problems, reported, column: hsdsColumn };
}

const emailSchema = InterventionSchema.shape.contact.unwrap().shape.email;

function categoryFromAttributes(attributes: unknown): string | undefined {
  for (const attribute of objs(attributes)) {
    const term = isObj(attribute.taxonomy_term) ? attribute.taxonomy_term : undefined;
    if (!term) continue;
    const code = str(term.code);
    if (code && (CATEGORY_CODES as readonly string[]).includes(code)) return code;
    if (term.taxonomy === CATEGORY_TAXONOMY) {
      const found = resolveCategory(code ?? str(term.name) ?? '');
      if (found) return found.code;
    }
  }
  return undefined;
}

function audiencesFromAttributes(attributes: unknown): string[] | undefined {
  const codes = objs(attributes)
    .map((a) => (isObj(a.taxonomy_term) ? a.taxonomy_term : undefined))
    .filter((t): t is Obj => t !== undefined && t.taxonomy === AUDIENCE_TAXONOMY)
    .map((t) => resolveTerm(AUDIENCES, str(t.code) ?? str(t.name) ?? '')?.code)
    .filter((c): c is string => c !== undefined);
  return codes.length > 0 ? [...new Set(codes)] : undefined;
}

function municipalitiesFromAreas(areas: unknown): string[] | undefined {
  const codes: string[] = [];
  for (const area of objs(areas)) {
    const found =
      (str(area.extent) && /^\d{4}$/.test(str(area.extent)!)
        ? getMunicipality(str(area.extent)!)
        : undefined) ?? (str(area.name) ? resolveMunicipalityLoose(str(area.name)!) : undefined);
    if (found && !codes.includes(found.code)) codes.push(found.code);
  }
  return codes.length > 0 ? codes : undefined;
}

function locationsOf(service: Obj): Obj[] {
  const atLocations = objs(service.service_at_locations)
    .map((sal) => (isObj(sal.location) ? sal.location : undefined))
    .filter((l): l is Obj => l !== undefined);
  if (atLocations.length > 0) return atLocations;
  return isObj(service.organization) ? objs(service.organization.locations) : [];
}

function deliveryFromLocations(service: Obj): string | undefined {
  const types = locationsOf(service).map((l) => l.location_type);
  if (types.length === 0) return undefined;
  if (types.every((t) => t === 'virtual')) return 'remote';
  if (types.includes('virtual')) return 'hybrid';
  return undefined;
}

function firstAddress(service: Obj): Obj | undefined {
  const addresses = locationsOf(service).flatMap((l) => objs(l.addresses));
  return addresses.find((a) => a.address_type === 'physical') ?? addresses[0];
}

function firstPhone(service: Obj): string | undefined {
  const phones = [
    ...objs(service.phones),
    ...objs(service.service_at_locations).flatMap((sal) => objs(sal.phones)),
  ];
  for (const phone of phones) {
    const number = str(phone.number);
    if (number) return number;
  }
  return undefined;
}

function costFromOptions(options: unknown): { free: boolean; amountSek?: number } | undefined {
  for (const option of objs(options)) {
    const currency = str(option.currency);
    if (currency && currency.toUpperCase() !== 'SEK') continue;
    if (typeof option.amount !== 'number') continue;
    return option.amount === 0 ? { free: true } : { free: false, amountSek: option.amount };
  }
  return undefined;
}
