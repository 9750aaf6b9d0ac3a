import { describe, expect, it } from 'vitest';
import { decodeText } from '../../functions/catalogue/upload/decode.ts';
import { encodeWindows1252, utf8, utf8Bom, utf16be, utf16le } from '../fixtures/uploads/make-fixtures.ts';

const text = (bytes: Uint8Array) => {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new Error(decoded.problem.code);
  return [decoded.encoding, decoded.text];
};

describe('decoding bytes', () => {
  const sample = 'Värmdö;språk;Åre;“citat” – €';

  it('UTF-8 with and without BOM', () => {
    expect(text(utf8(sample))).toEqual(['utf-8', sample]);
    expect(text(utf8Bom(sample))).toEqual(['utf-8-bom', sample]);
  });

  it('UTF-16 LE and BE with BOM, and LE without BOM', () => {
    expect(text(utf16le(sample))).toEqual(['utf-16le', sample]);
    expect(text(utf16be(sample))).toEqual(['utf-16be', sample]);
    expect(text(utf16le(sample).slice(2))).toEqual(['utf-16le', sample]);
  });

  it('Windows-1252 when the bytes are not valid UTF-8: "Värmdö" and "språk" survive', () => {
    const bytes = encodeWindows1252(sample);
    expect(bytes[1]).toBe(0xe4); // ä
    expect(text(bytes)).toEqual(['windows-1252', sample]);
  });

  it('binary junk, workbooks and empty files are clear errors', () => {
    const junk = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
    const code = (bytes: Uint8Array) => {
      const decoded = decodeText(bytes);
      return decoded.ok ? 'ok' : decoded.problem.code;
    };
    expect(code(junk)).toBe('binary-file');
    expect(code(Uint8Array.from([0x61, 0x00, 0x62, 0x3b, 0x63, 0x64, 0x65]))).toBe('binary-file');
    expect(code(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('excel-workbook');
    expect(code(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('excel-workbook');
    expect(code(new Uint8Array())).toBe('empty-file');
    expect(code(utf8Bom('  \r\n'))).toBe('empty-file');
  });

  it('warns about text that was decoded wrongly once already ("Ã¤")', () => {
    const decoded = decodeText(utf8('id;titel\r\n1;VÃ¤rmdÃ¶'));
    expect(decoded.ok && decoded.warnings.map((w) => w.code)).toEqual(['mojibake']);
  });
});
