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
import { HttpError, payloadTooLarge } from '../lib/errors.ts';
import { bodyBytes, header, httpHandler, json, parseQuery, uploadFileName } from '../lib/http.ts';
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

/** The uploaded file's name, for the version history (kept under this name for the admin page's tests). */
export const fileNameOf = uploadFileName;

export const handler = httpHandler(async (event) => {
  const query = parseQuery(UploadQuerySchema, event);
  const region = await regionOf(event);
  const body = bodyBytes(event);
  if (body.length > LIMITS.maxUploadBytes) {
    throw payloadTooLarge(LIMITS.maxUploadBytes, {
      sv: 'Dela upp filen eller ta bort bilder och formatering.',
      en: 'Split the file or remove images and formatting.',
    });
  }
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
