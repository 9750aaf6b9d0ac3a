/**
 * Demand statistics as pure functions: what a search's counter key keeps (and drops), and the report's
 * suppression of counts below 5.
 */
import { describe, expect, it } from 'vitest';
import {
  demandSortKey,
  demandTerms,
  LONG_QUERY,
  lastDays,
  parseDemandSortKey,
  resultBucket,
  swedishDay,
} from '../../functions/statistics/demand-key.ts';
import { type DemandCounter, demandReport } from '../../functions/statistics/demand-report.ts';

describe('demandTerms: normalised, sorted, deduplicated, stop words and personal data removed', () => {
  it.each([
    ['SFI för kvinnor SFI', ['kvinnor', 'sfi']],
    ['  Kvällskurs  I  svenska ', ['kvällskurs', 'svenska']],
    ['Praktik, Huddinge!', ['huddinge', 'praktik']],
    ['', []],
    [undefined, []],
  ])('%j → %j', (q, terms) => {
    expect(demandTerms(q)).toEqual(terms);
  });

  it.each([
    'personnummer 19900101-1234 sfi',
    'personnummer 900101-1234 sfi',
    'personnummer 199001011234 sfi',
    'samordningsnummer 900161 1234 sfi',
    'ring 070-123 45 67 sfi',
    'ring +46 70 123 45 67 sfi',
    'personnummer ١٩٩٠٠١٠١-١٢٣٤ sfi',
    'personnummer １９９００１０１－１２３４ sfi',
  ])('drops number sequences of 6+ digits: %j', (q) => {
    const terms = demandTerms(q);
    expect(terms).toContain('sfi');
    expect(terms.join(' ')).not.toMatch(/\d{3}/);
  });

  it('drops e-mail addresses and web addresses whole, not just their @', () => {
    expect(demandTerms('anna.svensson@example.se sfi')).toEqual(['sfi']);
    expect(demandTerms('kontakt Anna.Svensson+test@gmail.com')).toEqual(['kontakt']);
    expect(demandTerms('https://www.example.se/anna?id=1 sfi www.minsida.se')).toEqual(['sfi']);
  });

  it('drops reference-number-like words (letters with 4+ digits) and overlong words', () => {
    expect(demandTerms('lma12345 ab1234 sfi')).toEqual(['sfi']);
    expect(demandTerms('dnr2026123 sfi')).toEqual(['dnr', 'sfi']);
    expect(demandTerms(`${'a'.repeat(40)} sfi`)).toEqual(['sfi']);
    expect(demandTerms('sfi 2026 steg 2')).toEqual(['2', '2026', 'sfi', 'steg']);
  });

  it('a query of more than six words keeps none of them', () => {
    const q = 'jag heter Anna Svensson bor på Storgatan i Huddinge och behöver hjälp med trauma efter kriget';
    expect(demandTerms(q)).toEqual([LONG_QUERY]);
  });
});

describe('the counter key', () => {
  it('is readable: county|municipality|bucket|filters|terms, with the county taken from the municipality', () => {
    const sk = demandSortKey(
      {
        q: 'Cykel för kvinnor',
        municipality: '0126',
        language: 'ar',
        category: 'fritid-forening',
        free: true,
      },
      0,
    );
    expect(sk).toBe('01|0126|0|category=fritid-forening,free=true,language=ar|cykel kvinnor');
    expect(parseDemandSortKey(sk!)).toEqual({
      county: '01',
      municipality: '0126',
      bucket: '0',
      filters: { category: 'fritid-forening', free: 'true', language: 'ar' },
      filterText: 'category=fritid-forening,free=true,language=ar',
      terms: ['cykel', 'kvinnor'],
    });
    expect(demandSortKey({}, 42)).toBe('-|-|11+||');
  });

  it('does not count the next page of a search again', () => {
    expect(demandSortKey({ q: 'sfi', cursor: 'abc' }, 3)).toBeUndefined();
  });

  it.each([
    [0, '0'],
    [1, '1-2'],
    [2, '1-2'],
    [3, '3-10'],
    [10, '3-10'],
    [11, '11+'],
    [5000, '11+'],
  ])('%i results → bucket %s', (total, bucket) => {
    expect(resultBucket(total)).toBe(bucket);
  });

  it('days are Swedish calendar dates', () => {
    expect(swedishDay(Date.parse('2026-11-23T22:59:00Z'))).toBe('2026-11-23');
    expect(swedishDay(Date.parse('2026-11-23T23:01:00Z'))).toBe('2026-11-24');
    expect(swedishDay(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(lastDays(3, Date.parse('2026-03-30T00:30:00Z'))).toEqual([
      '2026-03-30',
      '2026-03-29',
      '2026-03-28',
    ]);
    expect(lastDays(30, Date.now())).toHaveLength(30);
    expect(new Set(lastDays(90, Date.now())).size).toBe(90);
  });
});

const counter = (sk: string, count: number): DemandCounter => ({ key: parseDemandSortKey(sk)!, count });

describe('demandReport: k < 5 suppression', () => {
  it('withholds a count of 4 and shows a count of 5, summing days and the 0 and 1–2 buckets', () => {
    const report = demandReport(
      [
        counter('01|0126|0||cykel', 2),
        counter('01|0126|1-2||cykel', 2),
        counter('01|0126|0||simning', 3),
        counter('01|0126|0||simning', 2), // another day
        counter('01|0126|3-10||simning', 40), // found enough: not unmet
      ],
      { limit: 10 },
    );
    expect(report.unmet).toEqual([{ terms: ['simning'], filters: {}, count: 5 }]);
    expect(report.suppressedRows).toBe(1);
    expect(report.minimumReportableCount).toBe(5);
  });

  it('adds up only shown municipality cells for a county, so no subtraction reveals a withheld count', () => {
    const report = demandReport(
      [
        counter('01|0126|0||tolk', 6),
        counter('01|0136|0||tolk', 4),
        counter('01|0138|0||tolk', 3),
        counter('01|0136|0||läxhjälp', 4),
        counter('01|0138|0||läxhjälp', 4),
      ],
      { limit: 10 },
    );
    expect(report.unmet).toEqual([{ terms: ['tolk'], filters: {}, count: 6 }]);
    expect(report.suppressedRows).toBe(4);
  });

  it('language filters most used, over all buckets, each municipality cell ≥ 5', () => {
    const report = demandReport(
      [
        counter('01|0126|11+|language=ar|', 7),
        counter('01|0126|0|language=ar|sfi', 1),
        counter('01|0136|3-10|language=ti|', 9),
        counter('01|0138|3-10|language=so|', 4),
      ],
      { limit: 10 },
    );
    expect(report.languages).toEqual([
      { language: 'ti', count: 9 },
      { language: 'ar', count: 8 },
    ]);
    expect(report.unmet).toEqual([]);
  });

  it('orders by count and answers at most `limit` rows', () => {
    const counters = Array.from({ length: 30 }, (_, i) => counter(`01|0126|0||ord${i}`, 5 + i));
    const report = demandReport(counters, { limit: 3 });
    expect(report.unmet.map((r) => [r.terms[0], r.count])).toEqual([
      ['ord29', 34],
      ['ord28', 33],
      ['ord27', 32],
    ]);
  });
});
