/** The coverage CSV: every cell neutralised against formula injection, Excel-friendly, numbers right. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../functions/catalogue/upload/csv.ts';
import { computeCoverage, type RegionSnapshot } from '../../functions/coverage/coverage.ts';
import { coverageCsv, toCsv } from '../../functions/coverage/csv.ts';
import { ITEMS_A, ITEMS_B, NOW, REGION_A, REGION_B } from './fixtures.ts';

const hostile = [
  '=HYPERLINK("http://evil.example","klicka")',
  '+SUM(1+1)',
  '-2+3',
  '@cmd',
  '\t=1',
  "'=already",
];

function cells(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const parsed = parseCsv(csv.slice(1));
  if (!parsed.ok) throw new Error('not CSV');
  expect(parsed.delimiter).toBe(';');
  return parsed.records.map((r) => r.cells);
}

describe('toCsv', () => {
  it('neutralises every cell that starts like a formula and leaves the others alone', () => {
    const rows = cells(toCsv([hostile, ['Huddinge', '12', 'a=b', 'Tyresö; "Bollmora"']]));
    expect(rows[0]).toEqual(hostile.map((v) => `'${v}`));
    expect(rows[1]).toEqual(['Huddinge', '12', 'a=b', 'Tyresö; "Bollmora"']);
    for (const cell of rows[0]!) expect(cell).toMatch(/^'/);
  });
});

describe('coverageCsv', () => {
  const snapshots: RegionSnapshot[] = [
    {
      region: { ...REGION_A, name: '=HYPERLINK("http://evil.example","Region A")' },
      status: 'ok',
      pointer: { version: 2, publishedAt: '2026-11-20T12:00:00.000Z' },
      items: ITEMS_A,
    },
    { region: { ...REGION_B, name: '@Region B' }, status: 'unavailable', pointer: null, items: ITEMS_B },
  ];
  const answer = computeCoverage({ snapshots, filters: { county: '01' }, now: NOW });

  it('municipalities: one row per municipality of the county with the same numbers as the JSON', () => {
    const rows = cells(coverageCsv(answer, 'municipalities', 'sv'));
    expect(rows[0]!.slice(0, 6)).toEqual([
      'Kommunkod',
      'Kommun',
      'Län',
      'Insatser på plats',
      'SFI – svenska för invandrare',
      'Samhällsorientering',
    ]);
    expect(rows).toHaveLength(1 + 26);
    const haninge = rows.find((r) => r[0] === '0136')!;
    expect(haninge.slice(0, 6)).toEqual(['0136', 'Haninge', 'Stockholms län', '4', '2', '0']);
  });

  it('regions: hostile names from the registry are neutralised; shares in percent with a decimal comma', () => {
    const rows = cells(coverageCsv(answer, 'regions', 'sv'));
    expect(rows[1]!.slice(0, 4)).toEqual([
      'region-a',
      `'=HYPERLINK("http://evil.example","Region A")`,
      'Stockholms län',
      'ok',
    ]);
    expect(rows[1]![9]).toBe('50');
    expect(rows[2]!.slice(0, 4)).toEqual(['region-b', "'@Region B", 'Stockholms län', 'kan inte nås']);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('gaps, in English for any other language', () => {
    const rows = cells(coverageCsv(answer, 'gaps', 'ar'));
    expect(rows[0]).toEqual([
      'Gap',
      'Municipality code',
      'Municipality',
      'Category',
      'Language',
      'Remote offers reaching the municipality',
    ]);
    expect(rows).toContainEqual([
      'Required category missing on site',
      '0138',
      'Tyresö',
      'SFI – Swedish for immigrants',
      '',
      '1',
    ]);
    expect(rows.length).toBe(1 + 49 + 72);
  });
});
