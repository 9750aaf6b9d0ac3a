/**
 * Bytes → text, the way Excel and other tools save files:
 * UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Excel's "Unicode text"), and Windows-1252
 * (Excel's "CSV (semikolonavgränsad)" on a Swedish Windows) when the bytes are not valid UTF-8.
 * Anything that does not look like text (workbooks, images, junk) is refused with a clear problem.
 */
import { problem } from './messages.ts';
import type { Problem } from './types.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Decoded =
  | { ok: true; text: string; encoding: TextEncodingName; warnings: Problem[] }
  | { ok: false; problem: Problem };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .xlsx, .ods, .docx
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls

/** Control characters that do not belong in a text file (tab, CR, LF and form feed do). */
const JUNK = /[\u0000-\u0008\u000B\u000E-\u001F\u007F\u0080-\u009F\uFFFD]/g;

const fileProblem = (code: 'binary-file' | 'excel-workbook' | 'empty-file') =>
  problem(code, {}, { row: 0, column: '' });

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, problem: fileProblem('empty-file') };
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE))
    return { ok: false, problem: fileProblem('excel-workbook') };

  let text: string;
  let encoding: TextEncodingName;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8-bom';
    text = new TextDecoder('utf-8').decode(bytes); // strips the BOM; invalid sequences become U+FFFD
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes);
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes);
  } else if (looksLikeUtf16Le(bytes)) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      encoding = 'windows-1252';
    }
  }

  if (text.includes('\u0000')) return { ok: false, problem: fileProblem('binary-file') };
  const junk = text.match(JUNK)?.length ?? 0;
  if (junk > 0 && junk >= Math.max(3, text.length * 0.01))
    return { ok: false, problem: fileProblem('binary-file') };
  if (text.trim() === '') return { ok: false, problem: fileProblem('empty-file') };

  const warnings: Problem[] = [];
  // UTF-8 read as Windows-1252 and saved again as UTF-8: "Ã¤" for "ä", "Ã¶" for "ö", "Ã¥" for "å".
  if (/Ã[\u00a4\u00a5\u00b6\u0084\u0085\u0096]/.test(text))
    warnings.push(problem('mojibake', {}, { row: 0, column: '' }));
  return { ok: true, text, encoding, warnings };
}

/** UTF-16 LE without a BOM: text of mostly Latin-1 characters has a zero in (nearly) every odd byte. */
function looksLikeUtf16Le(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
  const pairs = Math.min(bytes.length / 2, 256);
  let zeroHigh = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i + 1] === 0 && bytes[2 * i] !== 0) zeroHigh++;
  }
  return zeroHigh >= pairs * 0.7;
}
