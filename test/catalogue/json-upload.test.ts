import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestingDepth } from '../../functions/catalogue/upload/json-upload.ts';
import { parseUpload } from '../../functions/catalogue/upload/parse-upload.ts';
import { bytes, CONTEXT, codes, find, fixture } from './helpers.ts';

const json = (body: Uint8Array | string) =>
  parseUpload(typeof body === 'string' ? bytes(body) : body, 'application/json', CONTEXT);

const valid = {
  id: 'j-1',
  title: { sv: 'Kurs' },
  category: 'sfi',
  municipalities: ['0126'],
  provider: { name: 'Huddinge kommun', type: 'municipality' },
};

describe('JSON uploads in the API shape', () => {
  it('an array of interventions', () => {
    const result = json(fixture('interventions.json'));
    expect(result.format).toBe('json');
    expect(result.errors).toEqual([]);
    expect(result.items.map((i) => i.id)).toEqual(['hud-sfi-1', 'han-praktik-2']);
    // Defaults applied, as the schema outputs them.
    expect(result.items[1]).toMatchObject({
      languages: [],
      audiences: ['all'],
      delivery: 'on-site',
      cost: { free: true },
    });
    expect(find(result.warnings, 'municipality-joint')).toMatchObject({ row: 2, column: 'municipalities' });
  });

  it('or { "interventions": [...] }', () => {
    const result = json(JSON.stringify({ interventions: [valid] }));
    expect(result.items).toHaveLength(1);
  });

  it('problems: row = 1-based index, column = field path, suggestions for names instead of codes', () => {
    const result = json(fixture('broken-interventions.json'));
    expect(result.errors.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'category', 'unknown-category'],
      [1, 'municipalities.0', 'unknown-municipality'],
      [1, 'contact.email', 'invalid-email'],
      [1, 'contact.url', 'invalid-url'],
      [1, 'colour', 'unknown-field'],
      [2, '', 'not-an-object'],
    ]);
    expect(find(result.errors, 'unknown-municipality')).toMatchObject({ suggestion: '0126' });
    expect(find(result.errors, 'unknown-category')).toMatchObject({ suggestion: 'arbete.praktik' });
    expect(result.counts).toEqual({ rows: 2, valid: 0, invalid: 2 });
  });

  it('duplicate ids, negative and non-integer numbers, wrong types', () => {
    const result = json(
      JSON.stringify([
        valid,
        { ...valid, interMunicipal: { open: 'ja', placesAvailable: 2.5, pricePerParticipantSek: -1 } },
        { ...valid, id: 'j-2', languages: 'ar' },
      ]),
    );
    expect(result.errors.filter((p) => p.code === 'duplicate-id').map((p) => p.row)).toEqual([1, 2]);
    expect(codes(result.errors)).toEqual(
      expect.arrayContaining(['wrong-type', 'not-integer', 'negative-number']),
    );
    expect(find(result.errors, 'not-integer')).toMatchObject({
      row: 2,
      column: 'interMunicipal.placesAvailable',
    });
    expect(find(result.errors, 'wrong-type')!.messages.en).toContain('expected');
  });

  it('prototype-pollution keys are refused, wherever they are', () => {
    expect(json(fixture('broken-prototype-pollution.json')).errors).toEqual([
      expect.objectContaining({ code: 'forbidden-key', row: 1, column: '' }),
    ]);
    for (const key of ['constructor', 'prototype']) {
      const result = json(`[${JSON.stringify({ ...valid, contact: { [key]: { x: 1 } } })}]`);
      expect(result.errors).toEqual([
        expect.objectContaining({ code: 'forbidden-key', row: 1, column: 'contact' }),
      ]);
      expect(result.items).toEqual([]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`nesting deeper than ${MAX_JSON_DEPTH} levels is refused without being built`, () => {
    expect(codes(json(fixture('broken-too-deep.json')).errors)).toEqual(['too-deep']);
    expect(codes(json(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`).errors)).toEqual(['too-deep']);
    expect(nestingDepth('{"a":"[[[[{{{{","b":[1,{"c":"\\"[["}]}')).toBe(3);
  });

  it('not JSON, or the wrong shape', () => {
    const broken = json('[\n  {"id": "a",}\n]');
    expect(broken.errors).toEqual([expect.objectContaining({ code: 'invalid-json' })]);
    expect(broken.errors[0]!.message).toContain('rad 2');
    expect(codes(json('{"id": "a", "title": {"sv": "x"}}').errors)).toEqual(['json-shape']);
    expect(codes(json('42').errors)).toEqual(['json-shape']);
  });
});
