/**
 * A region index as bytes, written once when a catalogue version is published and read by every search
 * instance that loads the version: a cold start maps typed arrays over the bytes instead of analysing
 * 2,000 texts per region (the index build was half of a cold start).
 *
 * Layout (little-endian, as every Lambda and developer machine is):
 *   u32 MAGIC · u32 INDEX_FORMAT · u32 header length · header (UTF-8 JSON) · padding to 8
 *   then each typed array the header lists, in order, each starting at a multiple of 8.
 * The header holds the document count, the vocabulary and the arrays' names, types and lengths. The items
 * are not in it (they are the version's snapshot); the ids' sort order is rebuilt from them.
 *
 * An index built by other engine code would answer differently, so the format number names the engine's
 * output: any change to analysis, ranking statistics or layout that changes the bytes must bump
 * INDEX_FORMAT (test/search/index-codec.test.ts pins the bytes of a fixed corpus and says so). A reader
 * that finds another format, or anything it cannot read, builds the index from the items instead.
 */
import type { Intervention } from '../../../shared/intervention.ts';
import { buildRegionIndex, type RegionIndex } from './region-index.ts';

export const INDEX_FORMAT = 1;
const MAGIC = 0x58444e49; // "INDX"

type ArrayName = Exclude<
  {
    [K in keyof RegionIndex]: RegionIndex[K] extends ArrayBufferView ? K : never;
  }[keyof RegionIndex],
  undefined
>;

/** Every typed array of a RegionIndex, in file order (the fuzzy table's three after these). */
const ARRAYS: readonly ArrayName[] = [
  'termTable',
  'postingStart',
  'postingDoc',
  'postingTf',
  'dfAll',
  'dfField',
  'termPlain',
  'fieldLen',
  'fieldLenSum',
  'category',
  'catStart',
  'catDocs',
  'catCount',
  'delivery',
  'flags',
  'langCombo',
  'langComboLo',
  'langComboHi',
  'audience',
  'muniCombo',
  'muniComboStart',
  'muniComboIds',
  'fresh',
  'idRank',
];
const FUZZY_ARRAYS = ['bucketStart', 'hashes', 'termIds'] as const;

const TYPES = {
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Int32Array,
  Float64Array,
} as const;
type TypeName = keyof typeof TYPES;
type Typed = InstanceType<(typeof TYPES)[TypeName]>;

interface Header {
  size: number;
  terms: string[];
  /** [type, length] per array, in ARRAYS then FUZZY_ARRAYS order. */
  arrays: [TypeName, number][];
}

const align8 = (n: number) => (n + 7) & ~7;

function typeNameOf(array: ArrayBufferView): TypeName {
  const name = array.constructor.name;
  if (!(name in TYPES)) throw new Error(`index-codec: no encoding for ${name}`);
  return name as TypeName;
}

/** The bytes of a region index (without its items, region and version: the version's snapshot has those). */
export function encodeRegionIndex(index: RegionIndex): Buffer {
  const arrays: Typed[] = [
    ...ARRAYS.map((name) => index[name] as Typed),
    ...FUZZY_ARRAYS.map((name) => index.fuzzy[name] as Typed),
  ];
  const header: Header = {
    size: index.size,
    terms: [...index.terms],
    arrays: arrays.map((a) => [typeNameOf(a), a.length]),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  let total = align8(12 + headerBytes.length);
  for (const a of arrays) total += align8(a.byteLength);
  const out = Buffer.alloc(total);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(INDEX_FORMAT, 4);
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  let at = align8(12 + headerBytes.length);
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += align8(a.byteLength);
  }
  return out;
}

/** The bytes of the index of these items (a version's snapshot, in its order), as publishing stores them. */
export function searchIndexBytes(items: readonly Intervention[]): Buffer {
  return encodeRegionIndex(buildRegionIndex('', 0, items));
}

/**
 * The region index stored as `bytes` for these items (the version's snapshot, in the order it was built
 * from), or null when the bytes are of another format or do not fit the items: the caller builds instead.
 * The typed arrays are views over `bytes` (no copy).
 */
export function decodeRegionIndex(
  bytes: Uint8Array,
  regionId: string,
  version: number,
  items: readonly Intervention[],
): RegionIndex | null {
  if (bytes.byteLength < 12) return null;
  // Views need their element alignment: a buffer from an unaligned offset is copied once.
  const data: Uint8Array<ArrayBuffer> =
    bytes.byteOffset % 8 === 0 && bytes.buffer instanceof ArrayBuffer
      ? (bytes as Uint8Array<ArrayBuffer>)
      : new Uint8Array(bytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== INDEX_FORMAT) return null;
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > data.byteLength) return null;
  const header = JSON.parse(
    Buffer.from(data.buffer, data.byteOffset + 12, headerLength).toString('utf8'),
  ) as Header;
  if (header.size !== items.length || header.arrays.length !== ARRAYS.length + FUZZY_ARRAYS.length) {
    return null;
  }
  let at = align8(12 + headerLength);
  const arrays: Typed[] = [];
  for (const [type, length] of header.arrays) {
    const Type = TYPES[type];
    if (!Type) return null;
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    if (at + byteLength > data.byteLength) return null;
    arrays.push(new Type(data.buffer, data.byteOffset + at, length));
    at += align8(byteLength);
  }
  const fields: Record<string, Typed> = {};
  ARRAYS.forEach((name, i) => {
    fields[name] = arrays[i]!;
  });
  const [bucketStart, hashes, termIds] = arrays.slice(ARRAYS.length) as [
    Uint32Array,
    Uint16Array,
    Uint16Array,
  ];
  const idRank = fields.idRank as Uint32Array;
  const sortedIds: string[] = new Array(items.length);
  for (let d = 0; d < items.length; d++) sortedIds[idRank[d]!] = items[d]!.id;
  // The ranks must sort these items' ids strictly (ids are unique in a version): else not their index.
  for (let r = 0; r < sortedIds.length; r++) {
    if (sortedIds[r] === undefined || (r > 0 && !(sortedIds[r - 1]! < sortedIds[r]!))) return null;
  }
  return {
    ...(fields as unknown as Pick<RegionIndex, ArrayName>),
    regionId,
    version,
    items,
    size: header.size,
    terms: header.terms,
    fuzzy: { bucketStart, hashes, termIds },
    sortedIds,
  };
}
