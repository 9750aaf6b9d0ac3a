/**
 * The entry point of catalogue uploads: bytes + content type → every valid intervention and every
 * problem, in Swedish and English. Pure: no HTTP, no store. The handler decides what to do with it
 * (publish when there are no errors, show the diff on a dry run, 422 otherwise).
 *
 * Formats by content type:
 * - `text/csv`, `application/vnd.ms-excel`, `text/plain` (and `text/tab-separated-values`,
 *   `application/csv`) → CSV in the template's shape;
 * - `application/json` → the API's own shape, or HSDS when the objects look like HSDS services
 *   (`name` and no `title`, or the paged envelope `{ contents }`);
 * - `application/vnd.hsds+json` or `context.format: 'hsds'` → HSDS 3.0.
 * Anything else throws `UnsupportedMediaTypeError` (the handler answers 415).
 */
import { LIMITS } from '../../../shared/limits.ts';
import type { RegionConfig } from '../../../shared/region.ts';
import { fromHsdsServices, type HsdsImportDefaults, looksLikeHsds } from '../../hsds/mapping.ts';
import { isBlank } from './cells.ts';
import { isBlankRecord, parseCsv } from './csv.ts';
import { columnResolver, recordToCandidate } from './csv-rows.ts';
import { decodeText } from './decode.ts';
import { mapHeaders } from './headers.ts';
import { interventionList, jsonCandidates, parseJsonDocument } from './json-upload.ts';
import { problem } from './messages.ts';
import { withSuggestionLimit } from './suggest.ts';
import type { Problem, UploadFormat, UploadParseResult } from './types.ts';
import { tooManyRows, type ValidationResult, validateCandidates } from './validate.ts';

export type { Problem, UploadFormat, UploadParseResult } from './types.ts';

export interface UploadContext {
  region: RegionConfig;
  /** "Today" for date checks (ended interventions). Default: now. */
  now?: Date;
  /** Force a format instead of choosing by content type. */
  format?: UploadFormat;
  /** HSDS: values for what a service does not say. Municipalities default to the region's own. */
  hsds?: { defaults?: HsdsImportDefaults };
}

export class UnsupportedMediaTypeError extends Error {
  readonly contentType: string;
  constructor(contentType: string) {
    super(
      `Unsupported upload type "${contentType}". Send text/csv, application/json or application/vnd.hsds+json.`,
    );
    this.name = 'UnsupportedMediaTypeError';
    this.contentType = contentType;
  }
}

const CSV_TYPES = new Set([
  'text/csv',
  'application/vnd.ms-excel',
  'text/plain',
  'application/csv',
  'text/comma-separated-values',
  'text/tab-separated-values',
]);
const JSON_TYPES = new Set(['application/json', 'text/json']);
const HSDS_TYPES = new Set(['application/vnd.hsds+json', 'application/hsds+json']);

/** The format a content type asks for: `json` may still turn out to be HSDS. */
export function formatOfContentType(contentType: string): UploadFormat | undefined {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (CSV_TYPES.has(mediaType)) return 'csv';
  if (JSON_TYPES.has(mediaType)) return 'json';
  if (HSDS_TYPES.has(mediaType)) return 'hsds';
  return undefined;
}

/** New "did you mean" searches per upload (see `withSuggestionLimit`). */
const MAX_SUGGESTION_SEARCHES = 2_000;

export function parseUpload(
  body: Uint8Array,
  contentType: string,
  context: UploadContext,
): UploadParseResult {
  const requested = context.format ?? formatOfContentType(contentType);
  if (!requested) throw new UnsupportedMediaTypeError(contentType);
  return withSuggestionLimit(MAX_SUGGESTION_SEARCHES, () => parseAs(requested, body, context));
}

function parseAs(requested: UploadFormat, body: Uint8Array, context: UploadContext): UploadParseResult {
  if (body.length > LIMITS.maxUploadBytes) {
    const mb = (n: number) => (Math.round((n / 1024 / 1024) * 10) / 10).toString().replace('.', ',');
    return failed(
      requested,
      problem(
        'file-too-large',
        { size: mb(body.length), max: mb(LIMITS.maxUploadBytes) },
        { row: 0, column: '' },
      ),
    );
  }
  return requested === 'csv' ? parseCsvUpload(body, context) : parseJsonUpload(body, requested, context);
}

function failed(format: UploadFormat, error: Problem, warnings: Problem[] = []): UploadParseResult {
  return { format, items: [], errors: [error], warnings, counts: { rows: 0, valid: 0, invalid: 0 } };
}

function withFileProblems(
  format: UploadFormat,
  result: ValidationResult,
  fileErrors: Problem[],
  fileWarnings: Problem[],
  source?: UploadParseResult['source'],
): UploadParseResult {
  const errors = [...fileErrors, ...result.errors];
  return {
    format,
    // A file-level error (a missing column, a duplicated column) rejects the whole file.
    items: fileErrors.length > 0 ? [] : result.items,
    errors,
    warnings: [...fileWarnings, ...result.warnings],
    counts:
      fileErrors.length > 0 ? { ...result.counts, valid: 0, invalid: result.counts.rows } : result.counts,
    ...(source ? { source } : {}),
  };
}

function parseCsvUpload(body: Uint8Array, context: UploadContext): UploadParseResult {
  const decoded = decodeText(body);
  if (!decoded.ok) return failed('csv', decoded.problem);
  const csv = parseCsv(decoded.text);
  if (!csv.ok) return failed('csv', csv.problem, decoded.warnings);
  const source = { encoding: decoded.encoding, delimiter: csv.delimiter };

  const headerIndex = csv.records.findIndex((r) => !isBlankRecord(r));
  if (headerIndex < 0) return { ...failed('csv', problem('empty-file', {}, { row: 0, column: '' })), source };
  const headerRecord = csv.records[headerIndex]!;
  const mapping = mapHeaders(headerRecord.cells, headerRecord.row);
  const dataRecords = csv.records.slice(headerIndex + 1).filter((r) => !isBlankRecord(r));
  if (mapping.noHeader) {
    return {
      ...failed('csv', mapping.problems[0]!, decoded.warnings),
      counts: { rows: dataRecords.length, valid: 0, invalid: dataRecords.length },
      source,
    };
  }
  if (dataRecords.length > LIMITS.maxCatalogueRows) {
    return withFileProblems('csv', tooManyRows(dataRecords.length), [], decoded.warnings, source);
  }

  const fileErrors = mapping.problems.filter((p) => p.severity === 'error');
  const fileWarnings = [...decoded.warnings, ...mapping.problems.filter((p) => p.severity === 'warning')];
  for (const index of mapping.unnamed) {
    if (dataRecords.some((r) => !isBlank(r.cells[index]))) {
      fileWarnings.push(
        problem('unnamed-column', { index: index + 1 }, { row: headerRecord.row, column: '' }),
      );
    }
  }
  if (!mapping.headerOf.has('providerType') && mapping.headerOf.has('providerName')) {
    fileWarnings.push(problem('provider-type-column-missing', {}, { row: headerRecord.row, column: '' }));
  }
  if (dataRecords.length === 0) fileWarnings.push(problem('no-rows', {}, { row: 0, column: '' }));

  const column = columnResolver(mapping);
  const candidates = dataRecords.map((record) => recordToCandidate(record, mapping, csv.delimiter, column));
  return withFileProblems('csv', validateCandidates(candidates, context), fileErrors, fileWarnings, source);
}

function parseJsonUpload(
  body: Uint8Array,
  requested: 'json' | 'hsds',
  context: UploadContext,
): UploadParseResult {
  const decoded = decodeText(body);
  if (!decoded.ok) return failed(requested, decoded.problem);
  const document = parseJsonDocument(decoded.text);
  if (!document.ok) return failed(requested, document.problem);
  const source = { encoding: decoded.encoding };

  // Auto-detection only when the content type chose JSON; an explicit `format: 'json'` is obeyed.
  const detect = requested === 'json' && context.format !== 'json';
  const format: UploadFormat =
    requested === 'hsds' || (detect && looksLikeHsds(document.value)) ? 'hsds' : 'json';
  if (format === 'hsds') {
    const defaults: HsdsImportDefaults = {
      municipalities: context.region.municipalities,
      ...context.hsds?.defaults,
    };
    const imported = fromHsdsServices(document.value, { defaults });
    const fileErrors = imported.problems.filter((p) => p.severity === 'error' && p.row === 0);
    const skipped = imported.problems.filter((p) => !(p.severity === 'error' && p.row === 0));
    const result = validateCandidates(imported.candidates, context);
    const out = withFileProblems('hsds', result, fileErrors, [], source);
    // Entries that are not services, or inactive ones, are reported in their place among the others.
    for (const p of skipped) (p.severity === 'error' ? out.errors : out.warnings).push(p);
    out.errors.sort((a, b) => a.row - b.row);
    out.warnings.sort((a, b) => a.row - b.row);
    const notServices = skipped.filter((p) => p.severity === 'error').length;
    out.counts = {
      rows: out.counts.rows + notServices,
      valid: out.counts.valid,
      invalid: out.counts.invalid + notServices,
    };
    return out;
  }

  const list = interventionList(document.value);
  if (!list) return failed('json', problem('json-shape', {}, { row: 0, column: '' }));
  if (list.length > LIMITS.maxCatalogueRows)
    return withFileProblems('json', tooManyRows(list.length), [], [], source);
  const result = validateCandidates(jsonCandidates(list), context);
  if (list.length === 0) result.warnings.unshift(problem('no-rows', {}, { row: 0, column: '' }));
  return withFileProblems('json', result, [], [], source);
}
