/**
 * The header row → which column holds which field. Swedish or English headers from the template,
 * in any order, case/space/punctuation/diacritic tolerant (`Språk`, `sprak`, `languages`), and
 * translations as `titel_en`, `sammanfattning_ar`, `beskrivning (engelska)`, `title_en`, `summary_prs`
 * (Dari: the portal's `fa`). Unknown columns are a warning; missing required columns an error.
 */
import { isUiLanguage, type UiLanguage } from '../../../shared/languages.ts';
import { COLUMNS, type ColumnDef, type FieldKey, headerKey } from './columns.ts';
import { problem } from './messages.ts';
import type { Problem } from './types.ts';
import { resolveLanguageLoose } from './vocab.ts';

export interface MappedColumn {
  index: number;
  /** The header as written in the file. */
  header: string;
  key: FieldKey;
  /** For localized text: the language (`sv` for the plain `titel` column). */
  lang?: UiLanguage;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Indexes of columns without a header (their data is ignored; a warning when they hold values). */
  unnamed: number[];
  problems: Problem[];
  /** Field id (`title`, `title_en`, `email`, …) → header as written. */
  headerOf: Map<string, string>;
  /** Required fields whose column is missing (rows are not blamed for them again). */
  missing: FieldKey[];
  /** No header was recognised at all: the first row is not a header row. */
  noHeader: boolean;
  /** Cells in the header row (data beyond them is reported as extra cells). */
  headerCount: number;
}

/** The id of a field in a file: `title`, `title_en`, `email`. */
export const fieldId = (key: FieldKey, lang?: UiLanguage): string =>
  lang && lang !== 'sv' ? `${key}_${lang}` : key;

let lookup: Map<string, ColumnDef> | undefined;
function columnByHeader(header: string): ColumnDef | undefined {
  if (!lookup) {
    lookup = new Map();
    for (const def of COLUMNS) {
      for (const name of [def.sv, def.en, ...(def.aliases ?? [])]) {
        const k = headerKey(name);
        if (!lookup.has(k)) lookup.set(k, def);
      }
    }
  }
  return lookup.get(headerKey(header));
}

/** `en`, `ar`, `prs` (Dari → fa), `engelska`, `arabiska`, `dari` → a UI language. */
function translationLanguage(suffix: string): UiLanguage | undefined {
  const s = suffix.toLowerCase();
  if (s === 'prs') return 'fa';
  if (isUiLanguage(s)) return s;
  const code = resolveLanguageLoose(s);
  if (code === 'prs') return 'fa';
  return code && isUiLanguage(code) ? code : undefined;
}

export function matchHeader(header: string): { def: ColumnDef; lang?: UiLanguage } | undefined {
  const direct = columnByHeader(header);
  if (direct) return direct.localized ? { def: direct, lang: 'sv' } : { def: direct };
  const m = /^(.+?)[\s_\-.(]+(\p{L}{2,})\)?$/u.exec(header.trim());
  if (!m) return undefined;
  const base = columnByHeader(m[1]!);
  const lang = translationLanguage(m[2]!);
  return base?.localized && lang ? { def: base, lang } : undefined;
}

/** `headerRow`: the spreadsheet row of the header (1 unless blank rows come first). */
export function mapHeaders(headers: readonly string[], headerRow = 1): HeaderMapping {
  const columns: MappedColumn[] = [];
  const unnamed: number[] = [];
  const problems: Problem[] = [];
  const headerOf = new Map<string, string>();
  const unknown: { index: number; header: string }[] = [];

  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) {
      unnamed.push(index);
      return;
    }
    const match = matchHeader(header);
    if (!match) {
      unknown.push({ index, header });
      return;
    }
    const id = fieldId(match.def.key, match.lang);
    const earlier = headerOf.get(id);
    if (earlier !== undefined) {
      problems.push(
        problem('duplicate-column', { column: header, other: earlier }, { row: headerRow, column: header }),
      );
      return;
    }
    headerOf.set(id, header);
    columns.push(
      match.lang
        ? { index, header, key: match.def.key, lang: match.lang }
        : { index, header, key: match.def.key },
    );
  });

  if (columns.length === 0) {
    return {
      columns,
      unnamed,
      problems: [problem('no-header', {}, { row: headerRow, column: '' })],
      headerOf,
      missing: [],
      noHeader: true,
      headerCount: headers.length,
    };
  }

  for (const { header } of unknown)
    problems.push(problem('unknown-column', { column: header }, { row: headerRow, column: header }));
  const missing: FieldKey[] = [];
  for (const def of COLUMNS) {
    if (def.required && !headerOf.has(def.key)) {
      missing.push(def.key);
      problems.push(problem('missing-column', { column: def.sv }, { row: headerRow, column: def.sv }));
    }
  }
  return { columns, unnamed, problems, headerOf, missing, noHeader: false, headerCount: headers.length };
}
