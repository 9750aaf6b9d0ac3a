/**
 * Newcomer figures from a county board: a small CSV `kommun;år;antal` (or `municipality_code,year,count`)
 * as Excel writes it. The same standards as catalogue uploads: the bytes are decoded the same way
 * (UTF-8 with or without BOM, UTF-16, Windows-1252), parsed by the same CSV reader, every row is checked,
 * and every problem says where and what in Swedish and English. Any error rejects the whole file.
 * Plain functions, no I/O.
 */
import { isBlank, parseNumber } from '../catalogue/upload/cells.ts';
import { isBlankRecord, parseCsv } from '../catalogue/upload/csv.ts';
import { decodeText } from '../catalogue/upload/decode.ts';
import { suggestMunicipality } from '../catalogue/upload/suggest.ts';
import type { Problem } from '../catalogue/upload/types.ts';
import { resolveMunicipalityLoose } from '../catalogue/upload/vocab.ts';

export const NEWCOMERS_MAX_ROWS = 5_000;
export const NEWCOMERS_MAX_BYTES = 1024 * 1024;
export const NEWCOMERS_MIN_YEAR = 2000;
export const NEWCOMERS_MAX_COUNT = 1_000_000;

export interface NewcomerRow {
  municipality: string;
  year: number;
  count: number;
}

export interface NewcomersParseResult {
  rows: NewcomerRow[];
  errors: Problem[];
  warnings: Problem[];
  counts: { rows: number; valid: number; invalid: number };
}

type Field = 'municipality' | 'year' | 'count';

/** Accepted headers (folded: lower case, no diacritics, `_` for spaces and dashes). */
const HEADER_ALIASES: Record<Field, readonly string[]> = {
  municipality: [
    'kommun',
    'kommunkod',
    'kommun_kod',
    'kommunnamn',
    'municipality',
    'municipality_code',
    'code',
  ],
  year: ['ar', 'year', 'artal'],
  count: ['antal', 'antal_nyanlanda', 'nyanlanda', 'count', 'newcomers', 'number'],
};
const EXPECTED_HEADER = { sv: 'kommun;år;antal', en: 'municipality_code,year,count' };

const headerKey = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');

function fieldOf(header: string): Field | undefined {
  const key = headerKey(header);
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]) {
    if (aliases.includes(key)) return field;
  }
  return undefined;
}

type Params = Record<string, string | number | undefined>;
const TEXTS = {
  'missing-column': (p: Params) => ({
    sv: `Kolumnen "${p.column}" saknas. Rubrikraden ska vara ${EXPECTED_HEADER.sv} (eller ${EXPECTED_HEADER.en}).`,
    en: `The column "${p.column}" is missing. The header row must be ${EXPECTED_HEADER.en} (or ${EXPECTED_HEADER.sv}).`,
  }),
  'duplicate-column': (p: Params) => ({
    sv: `Kolumnen "${p.column}" finns två gånger. Ta bort den ena.`,
    en: `The column "${p.column}" appears twice. Remove one of them.`,
  }),
  'unknown-column': (p: Params) => ({
    sv: `Kolumnen "${p.column}" känns inte igen och har inte lästs in.`,
    en: `The column "${p.column}" is not recognised and was not read.`,
  }),
  'missing-value': (p: Params) => ({
    sv: `Rad ${p.row}: "${p.column}" är tom.`,
    en: `Row ${p.row}: "${p.column}" is empty.`,
  }),
  'unknown-municipality': (p: Params) => ({
    sv: `Rad ${p.row}: kommunen "${p.value}" finns inte.${p.suggestion ? ` Menade du ${p.suggestion}?` : ''} Skriv kommunkoden (fyra siffror) eller kommunens namn.`,
    en: `Row ${p.row}: the municipality "${p.value}" does not exist.${p.suggestion ? ` Did you mean ${p.suggestion}?` : ''} Write the municipality code (four digits) or its name.`,
  }),
  'invalid-year': (p: Params) => ({
    sv: `Rad ${p.row}: året "${p.value}" är ogiltigt. Skriv ett årtal med fyra siffror mellan ${NEWCOMERS_MIN_YEAR} och ${p.max}.`,
    en: `Row ${p.row}: the year "${p.value}" is invalid. Write a four-digit year between ${NEWCOMERS_MIN_YEAR} and ${p.max}.`,
  }),
  'invalid-count': (p: Params) => ({
    sv: `Rad ${p.row}: antalet "${p.value}" är ogiltigt. Skriv ett heltal, 0 eller större (högst ${NEWCOMERS_MAX_COUNT}).`,
    en: `Row ${p.row}: the count "${p.value}" is invalid. Write a whole number, 0 or more (at most ${NEWCOMERS_MAX_COUNT}).`,
  }),
  'duplicate-row': (p: Params) => ({
    sv: `Rad ${p.row}: ${p.municipality} ${p.year} finns redan på rad ${p.first}. Varje kommun får finnas en gång per år.`,
    en: `Row ${p.row}: ${p.municipality} ${p.year} is already on row ${p.first}. Each municipality may appear once per year.`,
  }),
  'no-rows': () => ({
    sv: `Filen har inga rader med siffror. Skriv en rad per kommun och år under rubrikraden ${EXPECTED_HEADER.sv}.`,
    en: `The file has no rows of figures. Write one row per municipality and year below the header row ${EXPECTED_HEADER.en}.`,
  }),
  'too-many-rows': (p: Params) => ({
    sv: `Filen har ${p.rows} rader; högst ${NEWCOMERS_MAX_ROWS} är tillåtna.`,
    en: `The file has ${p.rows} rows; at most ${NEWCOMERS_MAX_ROWS} are allowed.`,
  }),
} satisfies Record<string, (p: Params) => { sv: string; en: string }>;

function problem(
  code: keyof typeof TEXTS,
  at: { row: number; column: string; value?: string; suggestion?: string },
  params: Params = {},
  severity: Problem['severity'] = 'error',
): Problem {
  const messages = TEXTS[code]({ row: at.row, column: at.column, value: at.value, ...params });
  const out: Problem = { row: at.row, column: at.column, code, message: messages.sv, messages, severity };
  if (at.value !== undefined) out.value = at.value.length > 100 ? `${at.value.slice(0, 99)}…` : at.value;
  if (at.suggestion !== undefined) out.suggestion = at.suggestion;
  return out;
}

const rejected = (problems: Problem[], rows = 0): NewcomersParseResult => ({
  rows: [],
  errors: problems,
  warnings: [],
  counts: { rows, valid: 0, invalid: rows },
});

/** Parse and check a newcomer file. `now` bounds the years (next year at most). */
export function parseNewcomers(bytes: Uint8Array, now = new Date()): NewcomersParseResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return rejected([decoded.problem]);
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return rejected([parsed.problem]);
  const records = parsed.records.filter((r) => !isBlankRecord(r));
  const header = records.shift();
  if (!header) return rejected([problem('no-rows', { row: 0, column: '' })]);

  const errors: Problem[] = [];
  const warnings: Problem[] = [...decoded.warnings];
  const columns = new Map<Field, number>();
  header.cells.forEach((cell, index) => {
    if (cell.trim() === '') return;
    const field = fieldOf(cell);
    if (!field) {
      warnings.push(problem('unknown-column', { row: header.row, column: cell.trim() }, {}, 'warning'));
    } else if (columns.has(field)) {
      errors.push(problem('duplicate-column', { row: header.row, column: cell.trim() }));
    } else {
      columns.set(field, index);
    }
  });
  const svNames: Record<Field, string> = { municipality: 'kommun', year: 'år', count: 'antal' };
  for (const field of ['municipality', 'year', 'count'] as const) {
    if (!columns.has(field))
      errors.push(problem('missing-column', { row: header.row, column: svNames[field] }));
  }
  if (errors.length) return { ...rejected(errors, records.length), warnings };
  if (records.length === 0)
    return { ...rejected([problem('no-rows', { row: header.row, column: '' })]), warnings };
  if (records.length > NEWCOMERS_MAX_ROWS) {
    return {
      ...rejected(
        [problem('too-many-rows', { row: 0, column: '' }, { rows: records.length })],
        records.length,
      ),
      warnings,
    };
  }

  const headerText = (field: Field) => header.cells[columns.get(field)!]!.trim();
  const maxYear = now.getUTCFullYear() + 1;
  const rows: NewcomerRow[] = [];
  const seen = new Map<string, number>();
  let invalid = 0;
  for (const record of records) {
    const cell = (field: Field) => (record.cells[columns.get(field)!] ?? '').trim();
    const rowErrors: Problem[] = [];
    for (const field of ['municipality', 'year', 'count'] as const) {
      if (isBlank(cell(field)))
        rowErrors.push(problem('missing-value', { row: record.row, column: headerText(field) }));
    }
    const municipalityCell = cell('municipality');
    const municipality = municipalityCell ? resolveMunicipalityLoose(municipalityCell) : undefined;
    if (municipalityCell && !municipality) {
      const suggestion = /^\d+$/.test(municipalityCell)
        ? undefined
        : suggestMunicipality(municipalityCell)?.name;
      rowErrors.push(
        problem(
          'unknown-municipality',
          {
            row: record.row,
            column: headerText('municipality'),
            value: municipalityCell,
            ...(suggestion ? { suggestion } : {}),
          },
          { suggestion },
        ),
      );
    }
    const yearCell = cell('year');
    const year = /^\d{4}$/.test(yearCell) ? Number(yearCell) : Number.NaN;
    if (yearCell && !(year >= NEWCOMERS_MIN_YEAR && year <= maxYear)) {
      rowErrors.push(
        problem(
          'invalid-year',
          { row: record.row, column: headerText('year'), value: yearCell },
          { max: maxYear },
        ),
      );
    }
    const countCell = cell('count');
    const count = countCell ? parseNumber(countCell) : undefined;
    if (countCell && (count === undefined || !Number.isInteger(count) || count > NEWCOMERS_MAX_COUNT)) {
      rowErrors.push(
        problem('invalid-count', { row: record.row, column: headerText('count'), value: countCell }),
      );
    }
    if (rowErrors.length === 0 && municipality) {
      const key = `${municipality.code}|${year}`;
      const first = seen.get(key);
      if (first !== undefined) {
        rowErrors.push(
          problem(
            'duplicate-row',
            { row: record.row, column: headerText('municipality'), value: municipalityCell },
            { municipality: municipality.name, year, first },
          ),
        );
      } else {
        seen.set(key, record.row);
        rows.push({ municipality: municipality.code, year, count: count! });
      }
    }
    if (rowErrors.length) {
      invalid++;
      errors.push(...rowErrors);
    }
  }
  return {
    rows: errors.length ? [] : rows,
    errors,
    warnings,
    counts: { rows: records.length, valid: records.length - invalid, invalid },
  };
}
