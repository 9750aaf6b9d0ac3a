/**
 * An upload report as a person fixes their sheet from it: problems in sheet order (row, then column),
 * errors and warnings apart, in the page's language, with the suggestion spelled out
 * ("0126" → "Huddinge (0126)"), and the same table as a CSV file to open next to the sheet.
 */
import type { AdminLang, Problem } from './types.ts';

export interface ProblemRow {
  /** Stable key for React. */
  key: string;
  /** Spreadsheet row (CSV; header = 1) or item number (JSON); 0 = the whole file. */
  row: number;
  /** Physical line in the file when it differs from the row (a cell with line breaks above). */
  line: number | undefined;
  column: string;
  message: string;
  value: string | undefined;
  suggestion: string | undefined;
  code: string;
}

export interface ProblemTables {
  errors: ProblemRow[];
  warnings: ProblemRow[];
  /** Rows with at least one error: what the administrator has to fix. */
  rowsWithErrors: number;
}

/** How a suggestion (a code the API knows) reads for a person; the code itself when nothing better is known. */
export type SuggestionNamer = (suggestion: string, problem: Problem) => string;

/** The message in the page's language; the Swedish text when a translation is missing. */
export function problemMessage(problem: Problem, lang: AdminLang): string {
  return problem.messages?.[lang] || problem.messages?.sv || problem.message;
}

/** Sheet order: the whole-file problems first, then by row, then by column as written. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.row - b.row || a.column.localeCompare(b.column, 'sv') || a.code.localeCompare(b.code);
}

function toRows(
  problems: readonly Problem[],
  lang: AdminLang,
  nameSuggestion: SuggestionNamer,
): ProblemRow[] {
  return [...problems].sort(compareProblems).map((p, index) => ({
    key: `${p.row}:${p.column}:${p.code}:${index}`,
    row: p.row,
    line: p.line !== undefined && p.line !== p.row ? p.line : undefined,
    column: p.column,
    message: problemMessage(p, lang),
    value: p.value,
    suggestion: p.suggestion ? nameSuggestion(p.suggestion, p) : undefined,
    code: p.code,
  }));
}

export function problemTables(
  report: { errors?: readonly Problem[]; warnings?: readonly Problem[] },
  lang: AdminLang,
  nameSuggestion: SuggestionNamer = (s) => s,
): ProblemTables {
  const errors = toRows(report.errors ?? [], lang, nameSuggestion);
  const warnings = toRows(report.warnings ?? [], lang, nameSuggestion);
  const rowsWithErrors = new Set(errors.filter((e) => e.row > 0).map((e) => e.row)).size;
  return { errors, warnings, rowsWithErrors };
}

/**
 * A namer for municipality suggestions: a four-digit code with a known name reads "Huddinge (0126)".
 * Other suggestions (a category, a language) are shown as the API wrote them.
 */
export function municipalitySuggestionNamer(names: Readonly<Record<string, string>>): SuggestionNamer {
  return (suggestion) => {
    const name = /^\d{4}$/.test(suggestion) ? names[suggestion] : undefined;
    return name ? `${name} (${suggestion})` : suggestion;
  };
}

const csvCell = (value: string | number | undefined): string => {
  let text = value === undefined ? '' : String(value);
  // A cell that Excel would run as a formula is written as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The whole report as a CSV file for Excel (UTF-8 with BOM, semicolons, CRLF), errors and then
 * warnings, with the headers in the page's language.
 */
export function reportCsv(
  tables: ProblemTables,
  headers: {
    severity: string;
    row: string;
    column: string;
    message: string;
    value: string;
    suggestion: string;
  },
  severityLabels: { error: string; warning: string },
): string {
  const lines = [
    [headers.severity, headers.row, headers.column, headers.message, headers.value, headers.suggestion],
  ];
  for (const [severity, rows] of [
    [severityLabels.error, tables.errors],
    [severityLabels.warning, tables.warnings],
  ] as const) {
    for (const r of rows) {
      lines.push([severity, String(r.row), r.column, r.message, r.value ?? '', r.suggestion ?? '']);
    }
  }
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
