import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUpload } from '../../functions/catalogue/upload/parse-upload.ts';
import type { UploadParseResult } from '../../functions/catalogue/upload/types.ts';
import { CONTEXT, MINIMAL_HEADER } from './helpers.ts';

const TYPES = ['text/csv', 'application/json', 'application/vnd.hsds+json'] as const;

/** Whatever comes in, the answer is a result: items or problems, never an exception. */
function wellFormed(result: UploadParseResult) {
  expect(Array.isArray(result.items)).toBe(true);
  expect(result.counts.valid).toBe(result.items.length);
  expect(result.counts.rows).toBe(result.counts.valid + result.counts.invalid);
  for (const p of [...result.errors, ...result.warnings]) {
    expect(typeof p.message).toBe('string');
    expect(p.messages.en.length).toBeGreaterThan(0);
  }
  if (result.items.length === 0 && result.counts.rows === 0) {
    expect(result.errors.length + result.warnings.length).toBeGreaterThanOrEqual(0);
  }
}

describe('parsing never throws', () => {
  it('arbitrary bytes, as CSV, JSON or HSDS', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(...TYPES), (body, type) => {
        wellFormed(parseUpload(body, type, CONTEXT));
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary text after a valid header, with CSV-ish characters', () => {
    const csvish = fc.string({
      unit: fc.constantFrom(
        ';',
        ',',
        '\t',
        '"',
        '\r',
        '\n',
        "'",
        '=',
        '-',
        '+',
        '@',
        '|',
        'a',
        'ö',
        '0',
        '1',
        ' ',
        'x',
      ),
      maxLength: 200,
    });
    fc.assert(
      fc.property(csvish, (tail) => {
        wellFormed(
          parseUpload(new TextEncoder().encode(`${MINIMAL_HEADER}\r\n${tail}`), 'text/csv', CONTEXT),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary JSON values, as interventions or HSDS services', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.constantFrom('application/json', 'application/vnd.hsds+json'),
        (value, type) => {
          wellFormed(parseUpload(new TextEncoder().encode(JSON.stringify(value)), type, CONTEXT));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('objects shaped almost like interventions', () => {
    const almost = fc.array(
      fc.record(
        {
          id: fc.oneof(fc.string(), fc.integer()),
          title: fc.oneof(fc.record({ sv: fc.string() }), fc.string(), fc.constant(null)),
          category: fc.oneof(fc.constantFrom('sfi', 'praktik', 'arbete.praktik'), fc.string()),
          municipalities: fc.oneof(
            fc.array(fc.oneof(fc.constantFrom('0126', 'Huddinge', '9999'), fc.string())),
            fc.string(),
          ),
          provider: fc.oneof(fc.record({ name: fc.string(), type: fc.string() }), fc.constant(1)),
          contact: fc.dictionary(
            fc.constantFrom('email', 'url', 'phone', 'x'),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          name: fc.string(),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(almost, (list) => {
        wellFormed(parseUpload(new TextEncoder().encode(JSON.stringify(list)), 'application/json', CONTEXT));
      }),
      { numRuns: 1000 },
    );
  });
});
