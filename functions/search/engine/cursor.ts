/**
 * Opaque pagination cursors. A cursor is base64url(JSON) of the position of the last result of a page in
 * the total order (sort key desc, region id, id), a hash of the query it belongs to, and the region versions
 * it was computed against. The next page is "everything strictly after that position", so paging never
 * repeats or skips a result while the corpus is unchanged, and degrades to "continue from that position"
 * when a region has published since.
 */

export type SortMode = 'score' | 'fresh';

export interface CursorPosition {
  mode: SortMode;
  /** Score (text queries) or lastReviewedAt epoch ms (empty queries; -Infinity when missing). */
  key: number;
  regionId: string;
  id: string;
  /** Hash of the query and filters the cursor belongs to. */
  query: number;
  /** Region id → catalogue version when the page was computed. */
  versions: Record<string, number>;
}

/** A cursor that cannot be read or belongs to another query: the caller's mistake (HTTP 400). */
export class InvalidCursorError extends Error {
  readonly code = 'invalid_cursor';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCursorError';
  }
}

interface CursorJson {
  v: 1;
  m: 's' | 'f';
  k: number | null;
  r: string;
  i: string;
  q: number;
  rv: Record<string, number>;
}

export function encodeCursor(position: CursorPosition): string {
  const json: CursorJson = {
    v: 1,
    m: position.mode === 'score' ? 's' : 'f',
    k: Number.isFinite(position.key) ? position.key : null,
    r: position.regionId,
    i: position.id,
    q: position.query,
    rv: position.versions,
  };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

const MAX_CURSOR_CHARS = 8_192;

export function decodeCursor(cursor: string): CursorPosition {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS) {
    throw new InvalidCursorError('The cursor is empty or too long');
  }
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError('The cursor is not base64url');
  let json: Partial<CursorJson>;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidCursorError('The cursor cannot be read', { cause });
  }
  const ok =
    json !== null &&
    typeof json === 'object' &&
    json.v === 1 &&
    (json.m === 's' || json.m === 'f') &&
    (json.k === null || (typeof json.k === 'number' && Number.isFinite(json.k))) &&
    typeof json.r === 'string' &&
    typeof json.i === 'string' &&
    typeof json.q === 'number' &&
    json.rv !== null &&
    typeof json.rv === 'object' &&
    Object.values(json.rv).every((v) => typeof v === 'number');
  if (!ok) throw new InvalidCursorError('The cursor is not a search cursor');
  return {
    mode: json.m === 's' ? 'score' : 'fresh',
    key: json.k ?? Number.NEGATIVE_INFINITY,
    regionId: json.r!,
    id: json.i!,
    query: json.q!,
    versions: json.rv!,
  };
}

/** Whether the region versions differ from those the cursor was computed against. */
export function versionsChanged(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return true;
  return keys.some((k) => a[k] !== b[k]);
}
