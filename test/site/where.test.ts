import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../shared/geo.ts';
import {
  encodePostalTable,
  forgetMyMunicipality,
  formatPostalCode,
  loadPostalTable,
  lookupPostalCode,
  MY_MUNICIPALITY_KEY,
  normalizePostalCode,
  type PostalTable,
  readMyMunicipality,
  saveMyMunicipality,
} from '../../site/src/lib/where.ts';

const table = JSON.parse(
  readFileSync(new URL('../../site/public/data/postnummer.json', import.meta.url), 'utf8'),
) as PostalTable;

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('my municipality, remembered on the device', () => {
  it('is saved, read and forgotten under one key', () => {
    const storage = memoryStorage();
    expect(readMyMunicipality(storage)).toBeUndefined();
    saveMyMunicipality('0126', storage);
    expect(storage.values.get(MY_MUNICIPALITY_KEY)).toBe('0126');
    expect(readMyMunicipality(storage)).toBe('0126');
    forgetMyMunicipality(storage);
    expect(readMyMunicipality(storage)).toBeUndefined();
  });

  it('ignores what is not a municipality code, and storage that throws', () => {
    const storage = memoryStorage();
    storage.values.set(MY_MUNICIPALITY_KEY, '<script>');
    expect(readMyMunicipality(storage)).toBeUndefined();
    saveMyMunicipality('Huddinge', storage);
    expect(storage.values.get(MY_MUNICIPALITY_KEY)).toBe('<script>');
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readMyMunicipality(broken)).toBeUndefined();
    expect(() => saveMyMunicipality('0126', broken)).not.toThrow();
    expect(() => forgetMyMunicipality(broken)).not.toThrow();
  });
});

describe('postal codes', () => {
  it.each([
    ['141 46', '14146'],
    ['14146', '14146'],
    [' SE-141 46 ', '14146'],
    ['141-46', '14146'],
    ['1414', undefined],
    ['01234', undefined],
    ['141 46 7', undefined],
    ['abcde', undefined],
  ])('%s normalizes to %s', (input, expected) => {
    expect(normalizePostalCode(input)).toBe(expected);
  });

  it('is written with a space', () => {
    expect(formatPostalCode('14146')).toBe('141 46');
  });

  it.each([
    ['14146', '0126'], // Huddinge
    ['13630', '0136'], // Haninge
    ['41124', '1480'], // Göteborg
    ['98692', '2584'], // Kiruna, the last code
    ['10004', '0180'], // Stockholm, the first code
  ])('the table maps %s to municipality %s', (code, municipality) => {
    expect(lookupPostalCode(table, code)).toBe(municipality);
  });

  it('cannot tell a code outside every run', () => {
    expect(lookupPostalCode(table, '10000')).toBeUndefined();
    expect(lookupPostalCode(table, '99999')).toBeUndefined();
  });

  it('carries its source and licence, and names only real municipalities', () => {
    expect(table.licence).toBe('CC0 1.0');
    expect(table.source).toContain('swedish-geodata');
    const codes = new Set(MUNICIPALITIES.map((m) => m.code));
    for (const code of table.municipalities) expect(codes.has(code), code).toBe(true);
    expect(table.runs.length).toBeGreaterThan(500);
  });

  it('encodes runs of consecutive codes per municipality, losslessly for every listed code', () => {
    const rows = [
      { postalCode: '11111', municipality: '0180' },
      { postalCode: '11115', municipality: '0180' },
      { postalCode: '11120', municipality: '0126' },
      { postalCode: '11130', municipality: '0180' },
    ];
    const encoded = encodePostalTable(rows, { source: 's', licence: 'l' });
    expect(encoded.runs).toEqual([
      [11111, 4, 1],
      [11120, 0, 0],
      [11130, 0, 1],
    ]);
    for (const row of rows) expect(lookupPostalCode(encoded, row.postalCode)).toBe(row.municipality);
    expect(lookupPostalCode(encoded, '11113')).toBe('0180'); // inside a run
    expect(lookupPostalCode(encoded, '11125')).toBeUndefined(); // between municipalities
  });

  it('is fetched once, and again after a failure', async () => {
    let calls = 0;
    const failing = (async () => {
      calls++;
      return new Response('no', { status: 503 });
    }) as typeof fetch;
    await expect(loadPostalTable(failing)).rejects.toThrow(/503/);
    const working = (async () => {
      calls++;
      return new Response(JSON.stringify(table));
    }) as typeof fetch;
    await expect(loadPostalTable(working)).resolves.toEqual(table);
    await loadPostalTable(working);
    expect(calls).toBe(2);
  });
});
