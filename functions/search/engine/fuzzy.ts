/**
 * Typo tolerance without scanning the vocabulary: a symmetric deletion-neighbourhood index.
 * Every indexed word contributes itself and each one-character deletion, as a 32-bit hash, to a bucketed
 * hash table. A query word's own deletions are looked up bucket by bucket; the few candidates found are
 * checked with a real edit distance (one insertion, deletion, substitution or swap of neighbours).
 * Per region the table is a bucket array and two typed arrays (16 high bits of the hash, term id): 4–6
 * bytes per (word length + 1).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

const POLY = 0x01000193;
const powers = [1];
function power(k: number): number {
  while (powers.length <= k) powers.push(Math.imul(powers[powers.length - 1]!, POLY));
  return powers[k]!;
}

/** Final avalanche (MurmurHash3 fmix32): the polynomial hash's low bits are weak, buckets use them. */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

let prefix = new Int32Array(64);

/**
 * Calls `put(hash)` with the deletion-neighbourhood hashes of `s`: the word itself and each distinct
 * one-character deletion. A polynomial hash (mod 2^32) makes each deletion O(1) from prefix hashes, so a
 * word costs O(length), not O(length²).
 */
export function forEachDeletionHash(s: string, put: (hash: number) => void): void {
  const n = s.length;
  if (prefix.length <= n) prefix = new Int32Array(n * 2);
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i]!, POLY) + s.charCodeAt(i)) | 0;
  const whole = prefix[n]!;
  put(mix(whole));
  for (let i = 0; i < n; i++) {
    if (i > 0 && s.charCodeAt(i) === s.charCodeAt(i - 1)) continue;
    const scale = power(n - 1 - i);
    put(mix((Math.imul(prefix[i]!, scale) + whole - Math.imul(prefix[i + 1]!, scale)) | 0));
  }
}

/** The hashes of `s` and of each distinct one-character deletion of it. */
export function deletionHashes(s: string): number[] {
  const out: number[] = [];
  forEachDeletionHash(s, (h) => out.push(h));
  return out;
}

export interface DeletionIndex {
  /** Entries of bucket b (hash & mask): `[bucketStart[b], bucketStart[b + 1])`. */
  readonly bucketStart: Uint32Array;
  /** The high 16 bits of each entry's hash (the bucket gives the low ones). */
  readonly hashes: Uint16Array;
  /** The term id each entry came from (16 bits when the vocabulary allows). */
  readonly termIds: Uint16Array | Uint32Array;
}

/**
 * Build the table for the terms accepted by `accept` (term ids are positions in `terms`). Entries are laid out
 * by a counting sort on the low bits of their hash, so building is linear: no comparison sort.
 */
export function buildDeletionIndex(
  terms: readonly string[],
  accept: (term: string, id: number) => boolean,
): DeletionIndex {
  let count = 0;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    if (accept(term, t)) count += term.length + 1;
  }
  const tmpHash = new Uint32Array(count);
  const tmpTerm = new Uint32Array(count);
  let k = 0;
  let current = 0;
  const put = (hash: number) => {
    tmpHash[k] = hash;
    tmpTerm[k++] = current;
  };
  for (let t = 0; t < terms.length; t++) {
    if (!accept(terms[t]!, t)) continue;
    current = t;
    forEachDeletionHash(terms[t]!, put);
  }
  // About four entries per bucket: the bucket array stays small, a probe still reads one cache line or two.
  let buckets = 16;
  while (buckets * 4 < k) buckets *= 2;
  const mask = buckets - 1;
  const bucketStart = new Uint32Array(buckets + 1);
  for (let i = 0; i < k; i++) bucketStart[(tmpHash[i]! & mask) + 1]!++;
  for (let b = 0; b < buckets; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const fill = bucketStart.slice(0, buckets);
  const hashes = new Uint16Array(k);
  const termIds = terms.length <= 0x10000 ? new Uint16Array(k) : new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    const at = fill[tmpHash[i]! & mask]!++;
    hashes[at] = tmpHash[i]! >>> 16;
    termIds[at] = tmpTerm[i]!;
  }
  return { bucketStart, hashes, termIds };
}

/** Call `found` with every term id whose word shares a hash with one of `queryHashes` (may repeat ids). */
export function lookupDeletions(
  index: DeletionIndex,
  queryHashes: readonly number[],
  found: (termId: number) => void,
): void {
  const { bucketStart, hashes, termIds } = index;
  const mask = bucketStart.length - 2;
  for (const h of queryHashes) {
    const b = h & mask;
    const high = h >>> 16;
    const to = bucketStart[b + 1]!;
    for (let i = bucketStart[b]!; i < to; i++) if (hashes[i] === high) found(termIds[i]!);
  }
}

/** Optimal-string-alignment distance ≤ 1: equal, or one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      a.slice(i + 2) === b.slice(i + 2)
    );
  }
  if (Math.abs(la - lb) !== 1) return false;
  const long = la > lb ? a : b;
  const short = la > lb ? b : a;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  return long.slice(i + 1) === short.slice(i);
}
