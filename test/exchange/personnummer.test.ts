import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsPersonnummer,
  findPersonnummer,
  luhnValid,
  personnummerFields,
} from '../../shared/personnummer.ts';

/** A valid personnummer's last digit for YYMMDD + three digits. */
function withCheckDigit(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${nine}${d}`)) return `${nine}${d}`;
  throw new Error('unreachable');
}

describe('a personnummer in free text is found', () => {
  // 811218-9876 is the Skatteverket example number (valid check digit).
  it.each([
    ['the canonical form', 'Deltagaren 811218-9876 behöver plats'],
    ['with century', 'pnr 19811218-9876.'],
    ['twelve digits run together', 'id 198112189876'],
    ['ten digits run together (valid check digit)', 'personnr:8112189876'],
    ['100 years and older, with +', 'född 811218+9876'],
    ['a space before the last four (valid check digit)', 'nr 811218 9876'],
    [
      'a samordningsnummer (day + 60)',
      `samordningsnr ${withCheckDigit('811278987').slice(0, 6)}-${withCheckDigit('811278987').slice(6)}`,
    ],
    ['a samordningsnummer run together', withCheckDigit('701063238')],
    ['hyphenated with a wrong check digit (still personal data)', 'Ali 811218-9875'],
    ['twelve digits with a wrong check digit', '19811218-9875'],
    ['inside other text, at the very end', 'Ring om 20050101-1234'],
  ])('%s', (_label, text) => {
    expect(containsPersonnummer(text)).toBe(true);
  });

  it('reports where, and never the number itself', () => {
    const [match] = findPersonnummer('Hej! 811218-9876 ok');
    expect(match).toEqual({ kind: 'personnummer', index: 5, length: 11 });
  });

  it('tells a samordningsnummer apart', () => {
    expect(findPersonnummer('811278-9870')[0]?.kind).toBe('samordningsnummer');
  });

  it('every generated YYMMDD-NNNN with a real date is found, whatever the check digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.boolean(),
        (yy, mm, dd, last, coordination) => {
          const p = (n: number, w = 2) => String(n).padStart(w, '0');
          const text = `x ${p(yy)}${p(mm)}${p(dd + (coordination ? 60 : 0))}-${p(last, 4)} y`;
          return containsPersonnummer(text);
        },
      ),
    );
  });
});

describe('ordinary numbers are not taken for one', () => {
  it.each([
    ['a mobile number as people write it', 'Ring 070-123 45 67'],
    ['a Stockholm number', 'tel 08-123 456 78'],
    ['an international number', '+46 70 123 45 67'],
    ['a Göteborg number', '031-366 00 00'],
    ['a year', 'Från hösten 2026, till 2027'],
    ['a date', 'Start 2026-11-23, slut 2027-06-15'],
    ['an amount', 'Pris 32 000 kr per kurs, 1 250 000 totalt'],
    ['an organisation number (month 61 is no month)', 'Anordnare 556123-4567'],
    ['a postal code and a street number', 'Storgatan 12, 141 35 Huddinge'],
    ['an invalid month', '851301-1234'],
    ['an invalid day', '850132-1234'],
    ['February 30', '850230-1234'],
    ['eleven digits', '46701234567'],
    ['a mobile number run together whose check digit fails (0701234567)', '0701234567'],
  ])('%s', (_label, text) => {
    expect(containsPersonnummer(text)).toBe(false);
  });

  it('a number run together is refused only with a valid check digit (9 in 10 phone numbers pass)', () => {
    const nine = '070123456';
    const valid = withCheckDigit(nine);
    expect(containsPersonnummer(valid)).toBe(true);
    const others = Array.from({ length: 10 }, (_, d) => `${nine}${d}`).filter((n) => n !== valid);
    expect(others.filter(containsPersonnummer)).toEqual([]);
  });
});

describe('personnummerFields', () => {
  it('names every string field that holds one, at any depth', () => {
    expect(
      personnummerFields({
        message: 'ok',
        notes: ['a', 'Elev 811218-9876'],
        nested: { who: '19811218-9876' },
        n: 811218,
      }),
    ).toEqual(['notes.1', 'nested.who']);
  });
});
