/**
 * Every candidate row checked against the one schema (`InterventionSchema`), never stopping at the first
 * problem: zod issues become problems a person understands, then the checks the schema cannot make
 * alone (duplicate ids across rows, municipalities outside the region, ended interventions).
 * Used by the CSV, JSON and HSDS readers alike.
 */
import type { z } from 'zod';
import { getMunicipality, municipalityName } from '../../../shared/geo.ts';
import { type Intervention, InterventionSchema } from '../../../shared/intervention.ts';
import { languageName } from '../../../shared/languages.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { RegionConfig } from '../../../shared/region.ts';
import { AUDIENCES, DELIVERY_MODES, PROVIDER_TYPES, type Term } from '../../../shared/taxonomy.ts';
import { columnOfPath, type FieldKey } from './columns.ts';
import { clip, fieldParams, listRows, type ProblemCode, problem } from './messages.ts';
import { suggestCategory, suggestLanguage, suggestMunicipality, suggestTerm } from './suggest.ts';
import type { Problem, UploadCounts } from './types.ts';
import { resolveCategory, resolveLanguageLoose, resolveMunicipalityLoose, resolveTerm } from './vocab.ts';

/** One row (CSV) or list entry (JSON, HSDS), mapped to the API's shape but not yet validated. */
export interface Candidate {
  row: number;
  /** CSV: the physical line where the record starts. */
  line?: number;
  input: unknown;
  /** Problems found while reading the row's cells. */
  problems: Problem[];
  /** Dot paths (`municipalities`, `title.en`, `contact.email`) already reported: the schema is not asked again. */
  reported: Set<string>;
  /** The column (CSV header as written, JSON path, HSDS field) of a path in the Intervention. */
  column: (path: readonly PropertyKey[]) => string;
}

export interface ValidationContext {
  region: RegionConfig;
  now?: Date;
}

export interface ValidationResult {
  items: Intervention[];
  errors: Problem[];
  warnings: Problem[];
  counts: UploadCounts;
}

/** At most this many errors (and as many warnings) are listed; a last line says how many more there were. */
export const MAX_REPORTED_PROBLEMS = 1000;

export function validateCandidates(
  candidates: readonly Candidate[],
  context: ValidationContext,
): ValidationResult {
  if (candidates.length > LIMITS.maxCatalogueRows) return tooManyRows(candidates.length);
  const today = (context.now ?? new Date()).toISOString().slice(0, 10);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const outputs: (Intervention | undefined)[] = [];
  const invalid = new Set<number>();

  candidates.forEach((candidate, index) => {
    const problems = [...candidate.problems];
    const parsed = InterventionSchema.safeParse(candidate.input, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (isReported(candidate.reported, issue.path)) continue;
        problems.push(...issueProblems(issue, candidate));
      }
    }
    problems.push(...regionProblems(candidate, context.region));
    const endDate = parsed.success ? parsed.data.endDate : undefined;
    if (endDate && endDate < today) {
      problems.push(problem('ended', { end: endDate }, at(candidate, ['endDate'], endDate)));
    }
    const unique = dedupe(problems);
    const rowErrors = unique.filter((p) => p.severity === 'error');
    errors.push(...rowErrors);
    warnings.push(...unique.filter((p) => p.severity === 'warning'));
    if (rowErrors.length > 0 || !parsed.success) invalid.add(index);
    outputs.push(parsed.success ? parsed.data : undefined);
  });

  // The same id on several rows: every one of those rows is named, and none is accepted.
  const rowsById = new Map<string, number[]>();
  candidates.forEach((candidate, index) => {
    const id = idOf(candidate.input);
    if (id === undefined) return;
    const list = rowsById.get(id) ?? [];
    list.push(index);
    rowsById.set(id, list);
  });
  for (const [id, indexes] of rowsById) {
    if (indexes.length < 2) continue;
    const rows = indexes.map((i) => candidates[i]!.row);
    for (const i of indexes) {
      const candidate = candidates[i]!;
      errors.push(problem('duplicate-id', { value: id, ...listRows(rows) }, at(candidate, ['id'], id)));
      invalid.add(i);
    }
  }

  const items: Intervention[] = [];
  outputs.forEach((output, index) => {
    if (output && !invalid.has(index)) items.push(output);
  });
  return {
    items,
    errors: capped(sortByRow(errors), 'error'),
    warnings: capped(sortByRow(warnings), 'warning'),
    counts: { rows: candidates.length, valid: items.length, invalid: candidates.length - items.length },
  };
}

export function tooManyRows(count: number): ValidationResult {
  return {
    items: [],
    errors: [problem('too-many-rows', { count, max: LIMITS.maxCatalogueRows }, { row: 0, column: '' })],
    warnings: [],
    counts: { rows: count, valid: 0, invalid: count },
  };
}

function idOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}

const pathKey = (path: readonly PropertyKey[]) => path.map(String).join('.');

function isReported(reported: ReadonlySet<string>, path: readonly PropertyKey[]): boolean {
  if (reported.size === 0) return false;
  if (reported.has('*')) return true;
  const key = pathKey(path);
  for (const r of reported) if (key === r || key.startsWith(`${r}.`) || r.startsWith(`${key}.`)) return true;
  return false;
}

function at(candidate: Candidate, path: readonly PropertyKey[], value?: unknown) {
  const shown = display(value);
  return {
    row: candidate.row,
    column: candidate.column(path),
    ...(candidate.line !== undefined ? { line: candidate.line } : {}),
    ...(shown !== undefined ? { value: shown } : {}),
  };
}

function display(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return clip(value);
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return undefined;
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.column}\u0000${p.code}\u0000${p.value ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const sortByRow = (problems: Problem[]) => problems.sort((a, b) => a.row - b.row);

function capped(problems: Problem[], severity: 'error' | 'warning'): Problem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return problems;
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  shown.push(
    problem(
      'too-many-problems',
      { count: problems.length - MAX_REPORTED_PROBLEMS },
      { row: 0, column: '', severity },
    ),
  );
  return shown;
}

// ---------------------------------------------------------------------------------------------
// Region

function regionProblems(candidate: Candidate, region: RegionConfig): Problem[] {
  const input = candidate.input as { municipalities?: unknown } | null;
  const list = input && typeof input === 'object' ? input.municipalities : undefined;
  if (!Array.isArray(list)) return [];
  const own = new Set(region.municipalities);
  const joint = new Set(region.jointMunicipalities ?? []);
  const problems: Problem[] = [];
  for (const code of list) {
    if (typeof code !== 'string' || !getMunicipality(code) || own.has(code)) continue;
    const params = { name: municipalityName(code), code, region: region.name };
    problems.push(
      problem(
        joint.has(code) ? 'municipality-joint' : 'municipality-outside-region',
        params,
        at(candidate, ['municipalities'], code),
      ),
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// zod issue → problem

type Issue = z.core.$ZodIssue;

const EXPECTED: Record<string, { expectedSv: string; expectedEn: string }> = {
  string: { expectedSv: 'text', expectedEn: 'text' },
  number: { expectedSv: 'ett tal', expectedEn: 'a number' },
  int: { expectedSv: 'ett heltal', expectedEn: 'a whole number' },
  boolean: { expectedSv: 'true eller false', expectedEn: 'true or false' },
  array: { expectedSv: 'en lista', expectedEn: 'a list' },
  object: { expectedSv: 'ett objekt med fält', expectedEn: 'an object with fields' },
};

const TERMS: Partial<Record<FieldKey, readonly Term[]>> = {
  audiences: AUDIENCES,
  delivery: DELIVERY_MODES,
  providerType: PROVIDER_TYPES,
};

function issueProblems(issue: Issue, candidate: Candidate): Problem[] {
  const input = 'input' in issue ? issue.input : undefined;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return problem('unknown-field', { field: pathKey(path) }, at(candidate, path));
    });
  }
  const col = columnOfPath(issue.path);
  const key = col?.def.key;
  const labels = key
    ? fieldParams(key, col?.lang)
    : { fieldSv: pathKey(issue.path), fieldEn: pathKey(issue.path) };
  const place = at(candidate, issue.path, input);
  const make = (
    code: ProblemCode,
    params: Record<string, string | number | undefined> = {},
    suggestion?: string,
  ) => [
    problem(
      code,
      { ...labels, value: place.value, ...params },
      suggestion ? { ...place, suggestion } : place,
    ),
  ];

  // Missing altogether (or an empty list where one value is needed).
  if (
    input === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')
  ) {
    const [field, lang] = issue.path;
    const text = lang === 'sv' ? (candidate.input as Record<string, unknown>)[String(field)] : undefined;
    if (typeof text === 'object' && text !== null && Object.keys(text).length > 0)
      return make('missing-swedish');
    return make('required');
  }
  if (issue.code === 'too_small' && (issue.origin === 'string' || issue.origin === 'array'))
    return make('required');

  if (key === 'municipalities' && typeof input === 'string') {
    const known = resolveMunicipalityLoose(input) ?? suggestMunicipality(input);
    return make('unknown-municipality', { name: known?.name, code: known?.code }, known?.code);
  }
  if (key === 'category' && typeof input === 'string') {
    const known = resolveCategory(input) ?? suggestCategory(input);
    return make(
      'unknown-category',
      { labelSv: known?.labels.sv, labelEn: known?.labels.en, code: known?.code },
      known?.code,
    );
  }
  if (key === 'languages' && typeof input === 'string') {
    const code = resolveLanguageLoose(input) ?? suggestLanguage(input);
    return make(
      'unknown-language',
      { nameSv: code && languageName(code, 'sv'), nameEn: code && languageName(code, 'en'), code },
      code,
    );
  }
  const terms = key ? TERMS[key] : undefined;
  if (terms && typeof input === 'string') return [termProblemAt(terms, input, labels, place)];

  if (issue.code === 'too_big') {
    if (issue.origin === 'string' && typeof input === 'string') {
      return make('too-long', { max: Number(issue.maximum), length: input.trim().length });
    }
    if (issue.origin === 'array') return make('too-many-values', { max: Number(issue.maximum) });
    return make('number-out-of-range', { max: Number(issue.maximum) });
  }
  if (issue.code === 'too_small' && issue.origin === 'number') return make('negative-number');
  if (issue.code === 'invalid_type') {
    if (issue.expected === 'int' && typeof input === 'number') return make('not-integer');
    return make(
      'wrong-type',
      EXPECTED[issue.expected] ?? { expectedSv: issue.expected, expectedEn: issue.expected },
    );
  }
  if (issue.code === 'custom' && issue.message === 'Contains control characters')
    return make('control-characters');

  switch (key) {
    case 'id':
      return make('invalid-id');
    case 'email':
      return make('invalid-email');
    case 'url':
      return make('invalid-url');
    case 'phone':
      return make('invalid-phone');
    case 'postalCode':
      return make('invalid-postal-code');
    case 'endDate':
      if (issue.code === 'custom') {
        const start = (candidate.input as { startDate?: string }).startDate;
        return make('end-before-start', { start, end: typeof input === 'string' ? input : '' });
      }
      return make('invalid-date');
    case 'startDate':
    case 'lastReviewed':
    case 'placesUpdatedAt':
      return make('invalid-date');
    default:
      return make('invalid-value', { detail: issue.message });
  }
}

/** "Målgrupp: "kvinor" känns inte igen. Menade du Kvinnor (women)?" */
export function termProblemAt(
  terms: readonly Term[],
  input: string,
  labels: { fieldSv: string; fieldEn: string },
  place: { row: number; column: string; line?: number },
): Problem {
  const known = resolveTerm(terms, input) ?? suggestTerm(terms, input);
  return problem(
    'unknown-term',
    {
      ...labels,
      value: input,
      labelSv: known?.labels.sv,
      labelEn: known?.labels.en,
      code: known?.code,
      allowedSv: terms.map((t) => t.labels.sv.toLowerCase()).join(', '),
      allowedEn: terms.map((t) => t.labels.en.toLowerCase()).join(', '),
    },
    { ...place, value: clip(input), ...(known ? { suggestion: known.code } : {}) },
  );
}
