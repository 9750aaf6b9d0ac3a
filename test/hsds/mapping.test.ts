import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUpload } from '../../functions/catalogue/upload/parse-upload.ts';
import { fromHsdsServices, looksLikeHsds, toHsdsService } from '../../functions/hsds/mapping.ts';
import { INSATS_EXTENSION } from '../../functions/hsds/types.ts';
import { stableUuid, UUID_PATTERN } from '../../functions/hsds/uuid.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { catalogue } from '../catalogue/arbitraries.ts';
import { CONTEXT, codes, find, fixture, SODERTORN } from '../catalogue/helpers.ts';
import { validateJsonSchema } from './json-schema-lite.ts';

const serviceSchema = JSON.parse(
  readFileSync(new URL('../../shared/data/hsds/service.json', import.meta.url), 'utf8'),
);
const hsds = (body: Uint8Array | unknown, type = 'application/json', extra: object = {}) =>
  parseUpload(body instanceof Uint8Array ? body : new TextEncoder().encode(JSON.stringify(body)), type, {
    ...CONTEXT,
    ...extra,
  });

const item: Intervention = {
  id: 'hud-sfi-1',
  title: { sv: 'SFI i Huddinge', en: 'SFI in Huddinge', ar: 'اللغة السويدية' },
  summary: { sv: 'Svenska för invandrare.', uk: 'Шведська' },
  description: { sv: 'Dag och kväll.\nAnmälan på webben.', en: 'Day and evening.' },
  category: 'sfi',
  municipalities: ['0126', '0127'],
  languages: ['sv', 'ar', 'prs'],
  audiences: ['all'],
  delivery: 'hybrid',
  provider: { name: 'Huddinge kommun', type: 'municipality' },
  contact: { email: 'sfi@example.se', phone: '+46 8 535 300 00', url: 'https://www.example.se/sfi' },
  location: { street: 'Kommunalvägen 28', postalCode: '141 85', city: 'Huddinge' },
  startDate: '2026-08-17',
  endDate: '2026-12-18',
  cost: { free: false, amountSek: 300 },
  interMunicipal: { open: true, pricePerParticipantSek: 4000, pricePeriod: 'month', placesAvailable: 5 },
  lastReviewedAt: '2026-06-01T09:30:00.000Z',
  reviewedBy: 'Anna Andersson',
};

describe('HSDS import', () => {
  it('an HSDS example imports (service_full.json, a single service)', () => {
    const result = hsds(fixture('hsds/service_full.json'), 'application/json', {
      hsds: { defaults: { category: 'radgivning' } },
    });
    expect(result.format).toBe('hsds');
    expect(result.errors).toEqual([]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      id: 'ac148810-d857-441c-9679-408f346de14b',
      title: { sv: 'Community Counselling' },
      category: 'radgivning',
      municipalities: SODERTORN.municipalities,
      languages: ['ur'],
      provider: { name: 'Example Organization Inc.' },
      contact: {
        email: 'email@example.com',
        url: 'http://example.com/counselling',
        phone: '+44 1234 234567',
      },
      location: { street: '1-30 Main Street', city: 'MyCity' },
      lastReviewedAt: '2005-01-01',
    });
    // What was defaulted or dropped is said, per service.
    expect(codes(result.warnings)).toEqual([
      'hsds-defaulted',
      'hsds-defaulted',
      'hsds-defaulted',
      'hsds-dropped',
    ]);
    expect(find(result.warnings, 'hsds-dropped')).toMatchObject({ row: 1, value: 'ABC 1234' });
    expect(result.warnings.map((w) => w.column)).toContain('x-insats.municipalities');
  });

  it('an HSDS example imports (service_list.json, the paged envelope)', () => {
    const result = hsds(fixture('hsds/service_list.json'), 'application/vnd.hsds+json', {
      hsds: { defaults: { category: 'radgivning' } },
    });
    expect(result.errors).toEqual([]);
    expect(result.items.map((i) => i.title.sv)).toEqual(['Community Counselling']);
  });

  it('without a category default: a clear error per service', () => {
    const result = hsds(fixture('hsds/service_list.json'));
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'hsds-missing-category', row: 1, column: 'x-insats.category' }),
    ]);
    expect(result.errors[0]!.message).toContain('Community Counselling');
    expect(result.items).toEqual([]);
  });

  it('without a municipality default (called directly): a clear error per service', () => {
    const imported = fromHsdsServices(
      [{ id: 'x', name: 'Kurs', status: 'active', organization: { name: 'Org' } }],
      {
        defaults: { category: 'sfi' },
      },
    );
    expect(codes(imported.candidates[0]!.problems)).toContain('hsds-missing-municipality');
  });

  it('municipalities and category from standard HSDS fields (service_areas, attributes)', () => {
    const service = {
      id: '8c1d9f0e-1b2a-4c3d-8e4f-5a6b7c8d9e0f',
      name: 'Praktik i Haninge',
      status: 'active',
      organization: {
        id: '1c1d9f0e-1b2a-4c3d-8e4f-5a6b7c8d9e0f',
        name: 'Haninge kommun',
        description: 'Kommun',
      },
      service_areas: [
        { id: 'a', name: 'Haninge' },
        { id: 'b', extent: '0138' },
      ],
      attributes: [
        { id: 'c', taxonomy_term: { id: 'd', code: 'arbete.praktik', name: 'Praktik', description: '' } },
      ],
      languages: [
        { id: 'e', name: 'Arabic' },
        { id: 'f', code: 'xx-unknown' },
      ],
    };
    const result = hsds([service]);
    expect(result.errors).toEqual([]);
    expect(result.items[0]).toMatchObject({
      category: 'arbete.praktik',
      municipalities: ['0136', '0138'],
      languages: ['ar'],
      provider: { type: 'municipality' },
    });
    expect(find(result.warnings, 'hsds-dropped')).toMatchObject({ value: 'xx-unknown', column: 'languages' });
  });

  it('inactive services are skipped with a warning; entries that are not services are errors', () => {
    const result = hsds(
      [
        { id: 'a', name: 'Stängd', status: 'defunct' },
        { id: 'b', title: 'no name' },
      ],
      'application/vnd.hsds+json',
    );
    expect(find(result.warnings, 'hsds-inactive')).toMatchObject({ row: 1 });
    expect(find(result.errors, 'hsds-not-a-service')).toMatchObject({ row: 2 });
  });

  it('application/json is recognised as HSDS when the objects look like services', () => {
    expect(looksLikeHsds([{ name: 'x' }])).toBe(true);
    expect(looksLikeHsds({ contents: [] })).toBe(true);
    expect(looksLikeHsds({ name: 'x', id: 'y' })).toBe(true);
    expect(looksLikeHsds([{ name: 'x', title: { sv: 'x' } }])).toBe(false);
    expect(looksLikeHsds({ interventions: [{ name: 'x' }] })).toBe(false);
    expect(looksLikeHsds([])).toBe(false);
    // An explicit format is obeyed.
    const asJson = hsds([{ id: 'x', name: 'Kurs' }], 'application/json', { format: 'json' });
    expect(asJson.format).toBe('json');
    expect(codes(asJson.errors)).toContain('unknown-field');
  });
});

describe('HSDS export', () => {
  it('toHsdsService validates against the compiled HSDS 3.0 service schema', () => {
    const service = toHsdsService(item, 'sodertorn');
    expect(validateJsonSchema(serviceSchema, service)).toEqual([]);
    const minimal = toHsdsService(
      {
        ...item,
        contact: undefined,
        location: { city: 'Huddinge' },
        languages: [],
        summary: undefined,
        interMunicipal: undefined,
      },
      'sodertorn',
    );
    expect(validateJsonSchema(serviceSchema, minimal)).toEqual([]);
  });

  it('the tiny schema check does catch what is wrong', () => {
    const service = toHsdsService(item, 'sodertorn') as unknown as Record<string, unknown>;
    expect(validateJsonSchema(serviceSchema, { ...service, id: 'hud-sfi-1' })).toEqual([
      '$.id: "hud-sfi-1" is not a valid uuid',
    ]);
    expect(validateJsonSchema(serviceSchema, { ...service, status: 'open' })).toHaveLength(1);
    const { name: _name, ...withoutName } = service;
    expect(validateJsonSchema(serviceSchema, withoutName)).toEqual(['$: missing required "name"']);
  });

  it('maps the standard fields and keeps the Swedish profile in x-insats', () => {
    const service = toHsdsService(item, 'sodertorn');
    expect(service).toMatchObject({
      name: 'SFI i Huddinge',
      description: 'Dag och kväll.\nAnmälan på webben.',
      email: 'sfi@example.se',
      url: 'https://www.example.se/sfi',
      status: 'active',
      organization: { name: 'Huddinge kommun', description: 'Kommun' },
      phones: [{ number: '+46 8 535 300 00' }],
      languages: [{ code: 'sv' }, { code: 'ar' }, { code: 'prs' }],
      service_areas: [
        { extent: '0126', name: 'Huddinge' },
        { extent: '0127', name: 'Botkyrka' },
      ],
      cost_options: [{ amount: 300, currency: 'SEK' }],
      assured_date: '2026-06-01',
    });
    expect(service.attributes![0]!.taxonomy_term).toMatchObject({
      code: 'sfi',
      taxonomy: 'insatsportalen-kategori',
    });
    expect(service.service_at_locations![0]!.location!.addresses![0]).toMatchObject({
      address_1: 'Kommunalvägen 28',
      postal_code: '141 85',
      city: 'Huddinge',
      state_province: 'Stockholms län',
      country: 'SE',
    });
    expect(service[INSATS_EXTENSION]).toMatchObject({
      regionId: 'sodertorn',
      id: 'hud-sfi-1',
      title: { en: 'SFI in Huddinge', ar: 'اللغة السويدية' },
      municipalities: ['0126', '0127'],
      interMunicipal: { pricePerParticipantSek: 4000 },
    });
  });

  it('HSDS ids are stable v5-style UUIDs of region + id', () => {
    const id = toHsdsService(item, 'sodertorn').id;
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('5');
    expect(toHsdsService(item, 'sodertorn').id).toBe(id);
    expect(toHsdsService(item, 'nordost').id).not.toBe(id);
    expect(stableUuid('sodertorn', 'hud-sfi-1')).toBe(id);
  });

  it('export → import gives back the same intervention', () => {
    const result = hsds([toHsdsService(item, 'sodertorn')]);
    expect(result.errors).toEqual([]);
    expect(result.items).toEqual([item]);
  });

  it('property: export → import is lossless and always valid HSDS', () => {
    fc.assert(
      fc.property(catalogue(3), (items) => {
        const services = items.map((i) => toHsdsService(i, 'sodertorn'));
        for (const service of services) expect(validateJsonSchema(serviceSchema, service)).toEqual([]);
        const result = hsds({ contents: services });
        expect(result.errors).toEqual([]);
        expect(result.items).toEqual(items);
      }),
      { numRuns: 150 },
    );
  });
});
