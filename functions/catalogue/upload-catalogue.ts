/**
 * POST /api/admin/regions/{regionId}/catalogue — upload a catalogue (CSV as Excel writes it, JSON,
 * or HSDS 3.0). `?dryRun=true` validates and shows the diff without publishing. 200 when published or
 * validated, 422 when rejected (then nothing changed), 409 when another publish won, 413/415 for
 * bodies that are too large or of an unsupported type.
 */
import { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import { CATEGORY_CODES } from '../../shared/taxonomy.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { HttpError } from '../lib/errors.ts';
import { bodyBytes, header, httpHandler, json, parseQuery } from '../lib/http.ts';
import { guardStore, regionOf } from './admin-region.ts';
import { uploadCatalogue } from './publishing.ts';
import { UnsupportedMediaTypeError } from './upload/parse-upload.ts';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const UploadQuerySchema = z.object({
  dryRun: flag,
  confirmRemovals: flag,
  fileName: z.string().max(200).optional(),
  /** HSDS has no field for the national taxonomy: the category to give services that do not carry one. */
  defaultCategory: z.enum(CATEGORY_CODES).optional(),
});

/** The uploaded file's name, for the version history: from ?fileName= or Content-Disposition. */
export function fileNameOf(event: Parameters<typeof header>[0], fromQuery?: string): string | undefined {
  const disposition = header(event, 'content-disposition') ?? '';
  const raw = fromQuery ?? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  if (!raw) return undefined;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep it as written
  }
  // Only the base name, printable characters only.
  return (
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 120) || undefined
  );
}

export const payloadTooLarge = () =>
  new HttpError(413, 'payload-too-large', {
    sv: `Filen är för stor. Största tillåtna storlek är ${LIMITS.maxUploadBytes / 1024 / 1024} MB. Dela upp filen eller ta bort bilder och formatering.`,
    en: `The file is too large. The largest allowed size is ${LIMITS.maxUploadBytes / 1024 / 1024} MB. Split the file or remove images and formatting.`,
  });

export const handler = httpHandler(async (event) => {
  const query = parseQuery(UploadQuerySchema, event);
  const region = await regionOf(event);
  const body = bodyBytes(event);
  if (body.length > LIMITS.maxUploadBytes) throw payloadTooLarge();
  if (body.length === 0) {
    throw new HttpError(400, 'empty-body', {
      sv: 'Filen är tom. Välj en CSV-, JSON- eller HSDS-fil med katalogen.',
      en: 'The file is empty. Choose a CSV, JSON or HSDS file with the catalogue.',
    });
  }
  let report: Awaited<ReturnType<typeof uploadCatalogue>>;
  try {
    report = await guardStore(() =>
      uploadCatalogue({
        region,
        caller: callerOf(event),
        body,
        contentType: header(event, 'content-type') ?? '',
        fileName: fileNameOf(event, query.fileName),
        dryRun: query.dryRun,
        confirmRemovals: query.confirmRemovals,
        defaultCategory: query.defaultCategory,
      }),
    );
  } catch (error) {
    if (error instanceof UnsupportedMediaTypeError) {
      throw new HttpError(415, 'unsupported-media-type', {
        sv: 'Filtypen stöds inte. Ladda upp CSV (text/csv), JSON (application/json) eller HSDS 3.0 (JSON).',
        en: 'Unsupported file type. Upload CSV (text/csv), JSON (application/json) or HSDS 3.0 (JSON).',
      });
    }
    throw error;
  }
  return json(report.status === 'rejected' ? 422 : 200, report);
}, regionAdmin());
