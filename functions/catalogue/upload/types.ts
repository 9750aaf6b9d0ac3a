/** The shapes an upload is checked into. Plain data only. */
import type { Intervention } from '../../../shared/intervention.ts';

export type Severity = 'error' | 'warning';
export type UploadFormat = 'csv' | 'json' | 'hsds';

/**
 * One problem found in an upload.
 * - `row`: CSV: the spreadsheet row (header = 1, first data row = 2; a record whose quoted cell spans
 *   several lines is one row, numbered where it starts). JSON/HSDS: the 1-based index in the list.
 *   0 = the file as a whole.
 * - `column`: CSV: the header as written in the file. JSON: the field path (`contact.email`).
 *   HSDS: the HSDS field (`organization.name`). Empty when it concerns the whole row or file.
 * - `message` is the Swedish text (the portal's default); `messages` has both languages.
 * - `line` (CSV only, when it differs from `row`): the physical line in the file where the record starts,
 *   for people who open the file in a text editor.
 */
export interface Problem {
  row: number;
  column: string;
  code: string;
  message: string;
  messages: { sv: string; en: string };
  value?: string;
  suggestion?: string;
  severity: Severity;
  line?: number;
}

export interface UploadCounts {
  /** Data rows read (empty rows not counted). */
  rows: number;
  valid: number;
  invalid: number;
}

export interface UploadParseResult {
  format: UploadFormat;
  /** The valid rows, as the schema outputs them (defaults applied, text trimmed). */
  items: Intervention[];
  errors: Problem[];
  warnings: Problem[];
  counts: UploadCounts;
  /** How the bytes were read, for the admin UI ("read as Windows-1252, semicolon-separated"). */
  source?: { encoding?: string; delimiter?: ';' | ',' | '\t' };
}
