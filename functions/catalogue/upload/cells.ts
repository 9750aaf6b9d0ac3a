/**
 * One spreadsheet cell → one value, for the things Swedish administrators type:
 * `ja`/`nej`/`x`, "gratis", "500 kr", "1 500", "12,50", "2026-9-1", lists separated by `,` or `|`.
 * Each function returns the value, or `undefined` when the cell cannot be read (the caller reports it).
 */
import type { Delimiter } from './csv.ts';

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@]/;
/** Characters the export neutralises with a leading apostrophe (formula starts plus tab and CR). */
const NEUTRALISE_START = /^'*[=+\-@\t\r]/;

/** Does the cell look like a spreadsheet formula? Returns the character that makes it one. */
export function formulaStart(cell: string): string | undefined {
  const trimmed = cell.trimStart();
  return FORMULA_START.test(trimmed) ? trimmed[0] : undefined;
}

/**
 * Make a value safe to open in a spreadsheet: a value that starts with `=`, `+`, `-`, `@`, tab or CR
 * (or with apostrophes followed by one of those) gets one leading `'`. `unneutraliseCell` undoes it.
 */
export function neutraliseCell(value: string): string {
  return NEUTRALISE_START.test(value) ? `'${value}` : value;
}

/** The importer's side of `neutraliseCell`: drop the one `'` the export added. */
export function unneutraliseCell(cell: string): string {
  return cell.startsWith("'") && NEUTRALISE_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Split a multi-value cell on `,` or `|` (and `;` when the file itself is not `;`-separated). */
export function splitMulti(cell: string, delimiter: Delimiter | undefined = ';'): string[] {
  const separator = delimiter === ';' ? /[,|]/ : /[,|;]/;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of cell.split(separator)) {
    const value = part.trim();
    if (value && !seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  }
  return out;
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'x', 'sant', 'true', '1', 'öppen', 'open']);
const FALSE = new Set(['nej', 'n', 'no', 'falskt', 'false', '0', 'stängd', 'closed']);

export function parseBoolean(cell: string): boolean | undefined {
  const key = cell.trim().toLowerCase();
  if (TRUE.has(key)) return true;
  if (FALSE.has(key)) return false;
  return undefined;
}

/**
 * A non-negative amount as people write it: "1 500", "1 500,50", "12,50", "500 kr", "500 SEK", "500:-".
 * A dot is a decimal point ("12.5"), not a thousands separator.
 */
export function parseNumber(cell: string): number | undefined {
  const compact = cell
    .trim()
    .toLowerCase()
    .replace(/(kr|kronor|sek|:-)\.?$/, '')
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?(e[+-]?\d+)?$/.test(compact)) return undefined;
  const value = Number(compact);
  return Number.isFinite(value) ? value : undefined;
}

const FREE = new Set([
  'gratis',
  'kostnadsfri',
  'kostnadsfritt',
  'kostnadsfria',
  'free',
  'ingen',
  'ingen kostnad',
  'nej',
  '0',
  '0 kr',
]);
const PAID = new Set(['avgift', 'kostar', 'ja', 'avgiftsbelagd', 'paid']);

export function parseCost(cell: string): { free: boolean; amountSek?: number } | undefined {
  const key = cell.trim().toLowerCase();
  if (key === '' || FREE.has(key)) return { free: true };
  if (PAID.has(key)) return { free: false };
  const amount = parseNumber(key);
  if (amount === undefined) return undefined;
  return amount === 0 ? { free: true } : { free: false, amountSek: amount };
}

/**
 * A calendar date as ISO `YYYY-MM-DD`. Accepts "2026-09-01" and "2026-9-1". Never guesses
 * day/month order: "1/9/2026" or "01.09.2026" are refused (the message asks for ÅÅÅÅ-MM-DD).
 */
export function parseDate(cell: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(cell.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A date, or an ISO date-time as the export writes `lastReviewedAt` (`2026-09-01T10:00:00Z`): a value
 * with a `T` is passed on as it is, for the schema to judge.
 */
export function parseDateOrDateTime(cell: string): string | undefined {
  const value = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  return parseDate(value);
}

/** Is a cell empty (blank or only spaces)? */
export const isBlank = (cell: string | undefined): boolean => cell === undefined || cell.trim() === '';
