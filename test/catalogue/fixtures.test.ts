import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, fixtures } from '../fixtures/uploads/make-fixtures.ts';

describe('upload fixtures', () => {
  it('the committed files are exactly what make-fixtures.ts generates', () => {
    for (const [name, bytes] of Object.entries(fixtures())) {
      const onDisk = new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
      expect(onDisk, name).toEqual(bytes);
    }
  });

  it('the bytes are as Excel writes them', () => {
    const all = fixtures();
    const windows = all['sodertorn-windows-1252.csv']!;
    expect(windows.includes(0xe4)).toBe(true); // ä
    expect(windows.includes(0xc3)).toBe(false); // no UTF-8 lead byte
    expect([...all['sodertorn-utf8-bom.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...all['sodertorn-utf16le.txt']!.slice(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...all['sodertorn-utf16be.csv']!.slice(0, 2)]).toEqual([0xfe, 0xff]);
    expect(all['broken-binary-junk.bin']!.includes(0)).toBe(true);
  });
});
