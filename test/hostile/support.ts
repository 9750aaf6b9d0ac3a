/**
 * Support for the hostile-input tests: the portal's own API dispatch (route match → API Gateway v2
 * event → token check → handler), arbitraries for hostile values, and a fingerprint of the live data.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { readPointer } from '../../functions/catalogue/store.ts';
import { documentClient } from '../../functions/lib/dynamo.ts';
import type { HttpResult } from '../../functions/lib/http.ts';
import { createApiDispatcher, type Portal, REGISTRY_TABLE } from '../../local/server.ts';

/** Cases per property; CI runs the full 10,000 the reliability promise names. */
export const RUNS = Number(process.env.INSATS_FUZZ_RUNS ?? 10_000);
/** No request may take longer than this (a hang is a failure). */
export const REQUEST_DEADLINE_MS = 5_000;

export function dispatcherFor(portal: Portal) {
  const dispatch = createApiDispatcher({ stage: 'local', devTokenSecret: portal.devTokenSecret });
  return async (request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: Uint8Array;
  }) => {
    let url: URL;
    try {
      url = new URL(request.path, 'http://localhost');
    } catch {
      return { statusCode: 400 } as HttpResult;
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`hang: ${request.method} ${request.path}`)),
        REQUEST_DEADLINE_MS,
      );
    });
    try {
      return await Promise.race([
        dispatch({
          method: request.method,
          url,
          headers: request.headers ?? {},
          body: Buffer.from(request.body ?? []),
        }),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Strings people and attackers type: control characters, traversal, markup, formulas, huge and odd Unicode. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%2e%2e%2f',
    '%00',
    '\u0000',
    '\u202e',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '=cmd|" /C calc"!A0',
    '@SUM(1+1)',
    '__proto__',
    'constructor',
    'prototype',
    '-1',
    '1e309',
    'NaN',
    'true',
    '100000',
    '0126',
    'sodertorn',
    'sfi',
    'ä'.repeat(3000),
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'ﷺ',
    'null',
    '[]',
    '{}',
  ),
);

const deepJson = fc
  .integer({ min: 20, max: 5_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

export const hostileBody = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  hostileString.map((s) => Buffer.from(s, 'utf8')),
  fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)),
  fc.anything({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  deepJson.map((s) => Buffer.from(s)),
  fc
    .constantFrom(
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '[{"id":"a","__proto__":{"x":1}}]',
      'id;titel;kategori;kommuner;anordnare\r\n"unbalanced;x;sfi;0126;y\r\n',
      'id;titel;kategori;kommuner;anordnare\r\n=HYPERLINK("http://x");t;sfi;0126;y\r\n',
      '{"version":1}',
      '{"ids":["../../etc"]}',
      '{"confirmReviewed":"yes"}',
      'PK\u0003\u0004\u0014\u0000\u0000\u0000\b\u0000',
    )
    .map((s) => Buffer.from(s, 'utf8')),
  // Invalid UTF-8 sequences
  fc
    .constantFrom([0xc3, 0x28], [0xe2, 0x28, 0xa1], [0xf0, 0x90, 0x28, 0xbc], [0xff, 0xfe, 0xfd])
    .map((b) => Buffer.from(b)),
);

export const contentTypes = fc.constantFrom(
  'text/csv',
  'application/json',
  'application/vnd.hsds+json',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'application/zip',
  '',
  'text/csv; charset=utf-16',
);

/** The tokens a request may carry: the region's own, another region's, a county board's, and broken ones. */
export function tokenArbitrary(portal: Portal) {
  const good = (regions: string[]) => portal.tokenFor(regions);
  const [, payload] = good(['sodertorn']).split('.');
  return fc.constantFrom(
    undefined,
    'garbage',
    `Bearer ${good(['sodertorn'])}`,
    `Bearer ${good(['nordost'])}`,
    `Bearer ${good(['sodertorn', 'nordost', 'goteborgsregionen'])}`,
    `Bearer ${signDevToken(portal.devTokenSecret, { sub: 'lst', groups: ['county-board'] })}`,
    `Bearer ${signDevToken('wrong-secret', { sub: 'eve', groups: ['region-sodertorn-admin'] })}`,
    `Bearer ${signDevToken(portal.devTokenSecret, { sub: 'old', groups: ['region-sodertorn-admin'] }, 1_000, 60)}`,
    `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
    'Bearer ',
  );
}

/** What must not change when requests are rejected: every region's live pointer and the national records. */
export async function fingerprint(portal: Portal): Promise<string> {
  const pointers = await Promise.all(portal.regions.map((r) => readPointer(r.tableName)));
  const national: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: REGISTRY_TABLE, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      // Demand counters are the search's anonymous statistics, written by accepted searches.
      if (!String(item.pk).startsWith('DEMAND#')) national.push(JSON.stringify(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return JSON.stringify({ pointers, national: national.sort() });
}
