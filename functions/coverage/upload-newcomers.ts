/**
 * POST /api/coverage/newcomers — a county board uploads the number of newcomers per municipality and
 * year (CSV `kommun;år;antal` or `municipality_code,year,count`, as Excel writes it). County-board
 * tokens only (401 without a token, 403 with another). Every row is checked; any error → 422 and
 * nothing is stored. Our tokens do not say which county a board serves, so any municipality is
 * accepted and the uploader is recorded with the figures.
 */
import { callerOf, countyBoard } from '../auth/middleware.ts';
import { payloadTooLarge } from '../lib/errors.ts';
import { bodyBytes, httpHandler, json, uploadFileName } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { NEWCOMERS_MAX_BYTES, parseNewcomers } from './newcomers.ts';
import { storeNewcomers } from './newcomers-store.ts';

export const handler = httpHandler(async (event) => {
  const caller = callerOf(event);
  const body = bodyBytes(event);
  if (body.length > NEWCOMERS_MAX_BYTES) {
    throw payloadTooLarge(NEWCOMERS_MAX_BYTES);
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
  const fileName = uploadFileName(event);
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
