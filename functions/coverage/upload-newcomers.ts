/**
 * POST /api/coverage/newcomers — a county board uploads the number of newcomers per municipality and
 * year (CSV `kommun;år;antal` or `municipality_code,year,count`, as Excel writes it). County-board
 * tokens only (401 without a token, 403 with another). Every row is checked; any error → 422 and
 * nothing is stored. Our tokens do not say which county a board serves, so any municipality is
 * accepted and the uploader is recorded with the figures.
 */
import { callerOf, countyBoard } from '../auth/middleware.ts';
import { HttpError } from '../lib/errors.ts';
import { bodyBytes, type HttpEvent, header, httpHandler, json } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { NEWCOMERS_MAX_BYTES, parseNewcomers } from './newcomers.ts';
import { storeNewcomers } from './newcomers-store.ts';

/** The file's base name from Content-Disposition, printable characters only (for the upload record). */
function fileNameOf(event: HttpEvent): string | undefined {
  const raw = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header(event, 'content-disposition') ?? '')?.[1];
  if (!raw) return undefined;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep it as written
  }
  return (
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 120) || undefined
  );
}

export const handler = httpHandler(async (event) => {
  const caller = callerOf(event);
  const body = bodyBytes(event);
  if (body.length > NEWCOMERS_MAX_BYTES) {
    throw new HttpError(413, 'payload-too-large', {
      sv: `Filen är för stor. Största tillåtna storlek är ${NEWCOMERS_MAX_BYTES / 1024 / 1024} MB.`,
      en: `The file is too large. The largest allowed size is ${NEWCOMERS_MAX_BYTES / 1024 / 1024} MB.`,
    });
  }
  const parsed = parseNewcomers(body);
  const years = [...new Set(parsed.rows.map((r) => r.year))].sort();
  const report = {
    counts: parsed.counts,
    years,
    municipalities: new Set(parsed.rows.map((r) => r.municipality)).size,
    errors: parsed.errors,
    warnings: parsed.warnings,
  };
  if (parsed.errors.length > 0) {
    return json(422, { status: 'rejected', ...report, uploadedAt: null, uploadedBy: null });
  }
  const uploadedAt = new Date().toISOString();
  const fileName = fileNameOf(event);
  await guardStore(() =>
    storeNewcomers({
      rows: parsed.rows,
      uploadedAt,
      uploadedBy: { subject: caller.subject, name: caller.name },
      ...(fileName ? { fileName } : {}),
    }),
  );
  return json(200, { status: 'stored', ...report, uploadedAt, uploadedBy: caller.name });
}, countyBoard());
