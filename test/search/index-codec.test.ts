/**
 * The region index as stored at publish (functions/search/engine/index-codec.ts): what a reader refuses
 * (and so builds instead), and the pinned bytes of a fixed corpus that make an engine change bump the
 * format. That a stored index equals the built one on random corpora is in properties.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRegionIndex } from '../../functions/search/engine/index.ts';
import {
  decodeRegionIndex,
  encodeRegionIndex,
  INDEX_FORMAT,
  searchIndexBytes,
} from '../../functions/search/engine/index-codec.ts';
import { item } from './helpers.ts';

const items = [
  item({ id: 'a-1', title: 'SFI kväll', summary: { sv: 'Svenska för invandrare på kvällstid' } }),
  item({
    id: 'a-2',
    title: { sv: 'Praktikplatser i Huddinge', ar: 'التدريب العملي' },
    category: 'arbete.praktik',
    municipalities: ['0126', '0136'],
    languages: ['sv', 'ar'],
    delivery: 'remote',
  }),
  item({
    id: 'a-3',
    title: 'Samhällsorientering',
    description: { sv: 'Om samhället, hälsa och arbete' },
    category: 'samhallsorientering',
    lastReviewedAt: '2026-03-01',
    cost: { free: false, amountSek: 100 },
  }),
];

describe('the stored region index', () => {
  it('is the index built from the items, its arrays views over the stored bytes (no copy)', () => {
    const bytes = searchIndexBytes(items);
    const read = decodeRegionIndex(bytes, 'r', 3, items)!;
    expect(read).toStrictEqual(buildRegionIndex('r', 3, items));
    expect(read.postingDoc.buffer).toBe(bytes.buffer);
  });

  it('starting at an odd offset it is copied once and still read', () => {
    const bytes = searchIndexBytes(items);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeRegionIndex(shifted.subarray(1), 'r', 3, items)).toStrictEqual(
      buildRegionIndex('r', 3, items),
    );
  });

  it('is refused (so the reader builds one) when it is of another format, truncated or not of these items', () => {
    const bytes = searchIndexBytes(items);
    const otherFormat = Buffer.from(bytes);
    otherFormat.writeUInt32LE(INDEX_FORMAT + 1, 4);
    expect(decodeRegionIndex(otherFormat, 'r', 3, items)).toBeNull();
    const otherMagic = Buffer.from(bytes);
    otherMagic.writeUInt32LE(0, 0);
    expect(decodeRegionIndex(otherMagic, 'r', 3, items)).toBeNull();
    expect(decodeRegionIndex(bytes.subarray(0, bytes.length - 64), 'r', 3, items)).toBeNull();
    expect(decodeRegionIndex(bytes.subarray(0, 8), 'r', 3, items)).toBeNull();
    expect(decodeRegionIndex(bytes, 'r', 3, items.slice(1))).toBeNull();
    // Same count, but ids the index was not built from (two the same): not these items.
    expect(decodeRegionIndex(bytes, 'r', 3, [items[0]!, items[0]!, items[2]!])).toBeNull();
  });

  it('has pinned bytes for a fixed corpus: an engine change that alters them must bump INDEX_FORMAT', () => {
    const digest = createHash('sha256')
      .update(encodeRegionIndex(buildRegionIndex('r', 1, items)))
      .digest('hex');
    // If this fails, the engine now builds a different index from the same items. Versions published
    // before the change hold the old one: bump INDEX_FORMAT in index-codec.ts (so they are rebuilt on
    // load, not read), then pin the new digest and format here.
    expect({ format: INDEX_FORMAT, digest }).toEqual({
      format: 1,
      digest: '945b304002c88da57a42f9c14a6c35140b1c785be1297c812c8abb0f10766e74',
    });
  });
});
