/**
 * Finding Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer,
 * day + 60) in free text, so that the exchange never stores personal data about participants.
 * Pure and zod-free: the API refuses with it, the request form warns with it before sending.
 *
 * The rule (documented in docs/exchange.md, tested in test/exchange/personnummer.test.ts):
 *
 * - A candidate is a run of digits not touching other digits: 12 digits `YYYYMMDDNNNN`, or 10 digits
 *   `YYMMDDNNNN`, optionally with one separator (`-`, `+` or a space) before the last four.
 * - Its date part must be a real month and day (1–31 within the month's length; February up to 29),
 *   or such a day + 60 (samordningsnummer). A 12-digit candidate must start with 18, 19 or 20.
 * - Refused regardless of the check digit (a mistyped number is still personal data, and nothing else
 *   is written that way): every 12-digit candidate, and 10 digits written `YYMMDD-NNNN` / `YYMMDD+NNNN`.
 * - Refused only when the Luhn check digit holds: 10 digits run together (`YYMMDDNNNN`) or split by a
 *   space. That is the shape of a phone number run together (`0701234567`): the check digit lets 9 in 10
 *   of them through. Phone numbers as people write them (`070-123 45 67`, `08-123 456 78`,
 *   `+46 70 123 45 67`), years, dates (`2026-11-23`), amounts and organisation numbers
 *   (`556123-4567`: month 61 is no month) never match.
 */

export type PersonnummerKind = 'personnummer' | 'samordningsnummer';

export interface PersonnummerMatch {
  kind: PersonnummerKind;
  /** Where in the text (the number itself is never returned: callers must not echo or log it). */
  index: number;
  length: number;
}

// 12 digits (century 18–20) or 10 digits; an optional separator before the last four; no digit around.
const CANDIDATE = /(?<!\d)((?:18|19|20)?\d{6})([-+ ]?)(\d{4})(?!\d)/g;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Luhn over the ten digits YYMMDDNNNN (the check digit is the last). */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function dateKind(month: number, day: number): PersonnummerKind | undefined {
  if (month < 1 || month > 12) return undefined;
  const max = DAYS_IN_MONTH[month - 1]!;
  if (day >= 1 && day <= max) return 'personnummer';
  if (day >= 61 && day <= 60 + max) return 'samordningsnummer';
  return undefined;
}

/** Every personnummer-like number in `text`. */
export function findPersonnummer(text: string): PersonnummerMatch[] {
  const found: PersonnummerMatch[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, datePart, separator, last4] = match as unknown as [string, string, string, string];
    const yymmdd = datePart.slice(-6);
    const kind = dateKind(Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
    if (!kind) continue;
    const withCentury = datePart.length === 8;
    const hyphenated = separator === '-' || separator === '+';
    if (!withCentury && !hyphenated && !luhnValid(yymmdd + last4)) continue;
    found.push({ kind, index: match.index ?? 0, length: whole.length });
  }
  return found;
}

export const containsPersonnummer = (text: string): boolean => findPersonnummer(text).length > 0;

/** Paths (`message`, `notes.0`) of every string in a JSON value that contains a personnummer. */
export function personnummerFields(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return containsPersonnummer(value) ? [path.join('.') || '(body)'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => personnummerFields(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => personnummerFields(v, [...path, k]));
  }
  return [];
}
