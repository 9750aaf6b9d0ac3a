/**
 * Files the administrator uploads and downloads: the content type the API expects for a file name,
 * the Content-Disposition that carries the file name into the version history, and the name of a
 * downloaded file.
 */
import { LIMITS } from '../../../../shared/limits.ts';

export const MAX_UPLOAD_BYTES = LIMITS.maxUploadBytes;

export type UploadKind =
  | { ok: true; format: 'csv' | 'json'; contentType: string }
  /** `spreadsheet`: an Excel/LibreOffice workbook, which must be saved as CSV first; `unknown`: anything else. */
  | { ok: false; reason: 'spreadsheet' | 'unknown' };

const SPREADSHEET = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;

/**
 * What to send a file as: `.csv` (and `.txt`/`.tsv`, as Excel saves them) → `text/csv`; `.json`
 * (the API's own shape or HSDS 3.0; the API tells them apart) → `application/json`. By the file name
 * first, because browsers disagree on CSV types (Windows reports `application/vnd.ms-excel`).
 */
export function uploadKindOf(fileName: string, browserType = ''): UploadKind {
  const name = fileName.toLowerCase();
  if (SPREADSHEET.test(name)) return { ok: false, reason: 'spreadsheet' };
  if (/\.(csv|txt|tsv)$/.test(name)) return { ok: true, format: 'csv', contentType: 'text/csv' };
  if (name.endsWith('.json')) return { ok: true, format: 'json', contentType: 'application/json' };
  const type = browserType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain')
    return { ok: true, format: 'csv', contentType: 'text/csv' };
  if (type === 'application/json') return { ok: true, format: 'json', contentType: 'application/json' };
  return { ok: false, reason: 'unknown' };
}

/** The base name of a path a browser may report (`C:\fakepath\x.csv` → `x.csv`). */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

/**
 * `attachment; filename="…"` for an upload. HTTP header values are bytes, so the name is
 * percent-encoded (the API decodes it: "insatser höst.csv" comes back as written), with the RFC 6266
 * `filename*` form next to it for any other reader.
 */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(baseName(fileName));
  return `attachment; filename="${encoded}"; filename*=UTF-8''${encoded}`;
}

/** The file name in a download's Content-Disposition, else `fallback`. Only a safe base name. */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string): string {
  const value = header ?? '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(value)?.[1];
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(value)?.[1] ?? /filename\s*=\s*([^;]+)/i.exec(value)?.[1];
  let name = extended ?? plain ?? '';
  try {
    name = decodeURIComponent(name.trim());
  } catch {
    name = name.trim();
  }
  const safe = baseName(name)
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 120);
  return safe && !/^\.+$/.test(safe) ? safe : fallback;
}

/** A size for people: "812 kB", "4,2 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, lang: 'sv' | 'en'): string {
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  const format = (n: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, numberingSystem: 'latn' }).format(n);
  if (bytes < 1000) return `${format(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${format(bytes / 1000, 0)} kB`;
  return `${format(bytes / 1_000_000, 1)} MB`;
}
