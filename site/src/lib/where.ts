/**
 * "Where am I?": the visitor's municipality, chosen once and remembered on the device (localStorage),
 * never sent anywhere except as the search's `municipality` filter. A postal code can stand in for
 * choosing: the postal code table (site/public/data/postnummer.json) is fetched only when the box is used.
 */

/** localStorage key of the chosen municipality's code. */
export const MY_MUNICIPALITY_KEY = 'insatsportalen.kommun';

/** Where the postal code table is served (built from ../shared/data/sweden, CC0 1.0). */
export const POSTAL_TABLE_URL = '/data/postnummer.json';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: the choice lasts for the visit only
  }
}

export function readMyMunicipality(storage: Storage | undefined = defaultStorage()): string | undefined {
  try {
    const value = storage?.getItem(MY_MUNICIPALITY_KEY);
    return value && /^\d{4}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function saveMyMunicipality(code: string, storage: Storage | undefined = defaultStorage()): void {
  if (!/^\d{4}$/.test(code)) return;
  try {
    storage?.setItem(MY_MUNICIPALITY_KEY, code);
  } catch {
    // Full or disabled storage: the choice still applies to this visit.
  }
}

export function forgetMyMunicipality(storage: Storage | undefined = defaultStorage()): void {
  try {
    storage?.removeItem(MY_MUNICIPALITY_KEY);
  } catch {
    // nothing stored, nothing to forget
  }
}

/**
 * The postal code table: postal codes sorted, with runs of consecutive known codes that belong to the
 * same municipality stored as `[first, span, municipalityIndex]`. 15,463 codes become 745 runs (12 kB,
 * 4 kB gzip). A code inside a run maps to the run's municipality, also where the source table has a gap
 * between two codes of that municipality; a code between runs of different municipalities is unknown.
 */
export interface PostalTable {
  source: string;
  licence: string;
  municipalities: string[];
  runs: [first: number, span: number, municipality: number][];
}

/** `141 46`, `14146`, `SE-141 46` → `14146`; anything else → undefined. */
export function normalizePostalCode(input: string): string | undefined {
  const digits = input.replace(/^\s*SE\s*-?\s*/i, '').replace(/[\s-]/g, '');
  return /^[1-9]\d{4}$/.test(digits) ? digits : undefined;
}

/** `12345` → `123 45`, as Swedish postal codes are written. */
export function formatPostalCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** The municipality code of a (normalized) postal code, or undefined when the table cannot tell. */
export function lookupPostalCode(table: PostalTable, postalCode: string): string | undefined {
  const code = Number(postalCode);
  const { runs } = table;
  let low = 0;
  let high = runs.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (runs[middle]![0] <= code) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return undefined;
  const [first, span, municipality] = runs[found]!;
  return code <= first + span ? table.municipalities[municipality] : undefined;
}

/** Build the table from rows of the source CSV (site/scripts/make-postal-codes.ts). */
export function encodePostalTable(
  rows: readonly { postalCode: string; municipality: string }[],
  meta: { source: string; licence: string },
): PostalTable {
  const sorted = rows
    .map((row) => ({ code: Number(row.postalCode), municipality: row.municipality }))
    .sort((a, b) => a.code - b.code);
  const municipalities = [...new Set(sorted.map((row) => row.municipality))].sort();
  const index = new Map(municipalities.map((code, i) => [code, i]));
  const runs: PostalTable['runs'] = [];
  for (const row of sorted) {
    const last = runs.at(-1);
    const m = index.get(row.municipality)!;
    if (last && last[2] === m) last[1] = row.code - last[0];
    else runs.push([row.code, 0, m]);
  }
  return { ...meta, municipalities, runs };
}

function isPostalTable(value: unknown): value is PostalTable {
  const table = value as Partial<PostalTable> | null;
  return Boolean(table && Array.isArray(table.municipalities) && Array.isArray(table.runs));
}

let tablePromise: Promise<PostalTable> | undefined;

/** Fetch the table once per visit (only when the postal code box is used). */
export function loadPostalTable(doFetch: typeof fetch = fetch): Promise<PostalTable> {
  tablePromise ??= doFetch(POSTAL_TABLE_URL, { headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) throw new Error(`GET ${POSTAL_TABLE_URL} answered ${response.status}`);
      const body: unknown = await response.json();
      if (!isPostalTable(body)) throw new Error(`${POSTAL_TABLE_URL} is not a postal code table`);
      return body;
    })
    .catch((error: unknown) => {
      tablePromise = undefined; // let the next try fetch again
      throw error;
    });
  return tablePromise;
}
