/**
 * A small CSV reader and writer for files as Excel writes them (RFC 4180 plus Excel's habits):
 * delimiter `;`, `,` or tab (detected from the header line, or an Excel `sep=;` first line),
 * quoted cells with doubled quotes and line breaks inside, CRLF, LF or CR line ends.
 *
 * Rows are numbered as the spreadsheet shows them: each record is one row (a quoted cell with line
 * breaks does not add rows), the header is row 1. `line` is the physical line where a record starts.
 */
import { problem } from './messages.ts';
import type { Problem } from './types.ts';

export type Delimiter = ';' | ',' | '\t';

export interface CsvRecord {
  row: number;
  line: number;
  cells: string[];
}

export type CsvParseResult =
  | { ok: true; delimiter: Delimiter; records: CsvRecord[] }
  | { ok: false; problem: Problem };

const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

/** The delimiter used most in the first line, outside quotes. Ties prefer `;`, then tab, then `,`. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: Delimiter = ';';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export function parseCsv(input: string, delimiter?: Delimiter): CsvParseResult {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Excel's own hint: a first line `sep=;` (not shown as a row when Excel opens the file).
  const sep = /^sep=([;,\t])[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  let lineOffset = 0;
  if (sep) {
    delimiter ??= sep[1] as Delimiter;
    text = text.slice(sep[0].length);
    lineOffset = 1;
  }
  const delim = delimiter ?? detectDelimiter(text);

  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let row = 1;
  let line = 1 + lineOffset;

  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let endOfRecord = false;
    let fieldStart = true;
    while (i < n && !endOfRecord) {
      const ch = text[i]!;
      if (fieldStart && ch === '"') {
        // A quoted cell: read to the closing quote, doubled quotes are one quote.
        const quoteLine = line;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            return {
              ok: false,
              problem: problem('unbalanced-quotes', { row }, { row, column: '', line: quoteLine }),
            };
          }
          const chunk = text.slice(i, q);
          line += countLineBreaks(chunk);
          cell += chunk;
          if (text[q + 1] === '"') {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fieldStart = false;
        continue;
      }
      fieldStart = false;
      if (ch === delim) {
        cells.push(cell);
        cell = '';
        fieldStart = true;
        i++;
      } else if (ch === '\r' || ch === '\n') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else {
        // Plain characters up to the next delimiter, line end or quote, in one slice.
        let j = i + 1;
        while (j < n) {
          const c = text[j];
          if (c === delim || c === '\r' || c === '\n' || c === '"') break;
          j++;
        }
        cell += text.slice(i, j);
        i = j;
      }
    }
    cells.push(cell);
    records.push({ row, line: startLine, cells });
    row++;
  }
  return { ok: true, delimiter: delim, records };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

/** True when every cell of a record is blank. */
export const isBlankRecord = (record: CsvRecord): boolean => record.cells.every((c) => c.trim() === '');

/** One CSV line (without its line end), quoting cells that need it. */
export function formatCsvRow(cells: readonly string[], delimiter: Delimiter = ';'): string {
  return cells
    .map((cell) =>
      cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')
        ? `"${cell.replaceAll('"', '""')}"`
        : cell,
    )
    .join(delimiter);
}
