/**
 * The named hostile cases of the reliability promise: CSV formula injection in every export, markup
 * and `javascript:` URLs, oversized and deeply nested JSON, invalid UTF-8, zip-bomb-shaped and binary
 * bodies, path traversal in ids, and prototype-pollution keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, readPointer, readSnapshot } from '../../functions/catalogue/store.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { makeIntervention } from '../support/embedded.ts';
import { dispatcherFor, fingerprint } from './support.ts';

let portal: Portal;
let dispatch: ReturnType<typeof dispatcherFor>;
let token: string;
const FORMULAS = [
  '=HYPERLINK("http://evil.example","klicka")',
  '+1+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A2)',
];

const upload = (body: Buffer | string, type = 'application/json', query = '') =>
  dispatch({
    method: 'POST',
    path: `/api/admin/regions/sodertorn/catalogue${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: Buffer.from(body),
  });

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, siteDir: '/nonexistent', rateLimit: false });
  dispatch = dispatcherFor(portal);
  token = portal.tokenFor(['sodertorn']);
});
afterAll(async () => {
  await portal.close();
});

/** Every cell of a semicolon CSV (quotes handled), so a test can look at each one. */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';' || c === '\n') {
      out.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += c;
  }
  if (cell) out.push(cell);
  return out;
}

describe('CSV formula injection', () => {
  it('is refused in an upload, and neutralised in every export even when such text is in the store', async () => {
    const region = portal.regions.find((r) => r.id === 'nordost')!;
    // Written straight into the store (an upload would refuse it), to prove the exports defend themselves.
    await publish(region.tableName, {
      items: FORMULAS.map((formula, i) =>
        makeIntervention(`formel-${i}`, {
          title: { sv: formula },
          summary: { sv: formula },
          municipalities: ['0160'],
          provider: { name: formula, type: 'municipality' },
        }),
      ),
      publishedBy: 'test',
      source: 'seed',
      counts: { added: 4, changed: 0, removed: 0, unchanged: 0 },
    });
    const exported = await dispatch({
      method: 'GET',
      path: '/api/admin/regions/nordost/catalogue/export?format=csv',
      headers: { authorization: `Bearer ${portal.tokenFor(['nordost'])}` },
    });
    expect(exported.statusCode).toBe(200);
    const coverageCsv = [];
    for (const table of ['municipalities', 'regions', 'gaps']) {
      const r = await dispatch({ method: 'GET', path: `/api/coverage?format=csv&table=${table}` });
      expect(r.statusCode).toBe(200);
      coverageCsv.push(r.body!);
    }
    for (const csv of [exported.body!, ...coverageCsv]) {
      for (const cell of cells(csv)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(cells(exported.body!)).toContain(`'${FORMULAS[0]}`);

    const before = await readPointer(portal.regions.find((r) => r.id === 'sodertorn')!.tableName);
    const rejected = await upload(
      `id;titel;kategori;kommuner;anordnare\r\nx;${FORMULAS[0]!.replace(/"/g, '""')};sfi;0126;Huddinge kommun\r\n`,
      'text/csv',
    );
    expect(rejected.statusCode).toBe(422);
    expect(await readPointer(portal.regions.find((r) => r.id === 'sodertorn')!.tableName)).toEqual(before);
  });
});

describe('markup and URLs', () => {
  it('a <script> title is stored as text; javascript: and data: URLs are refused', async () => {
    const item = {
      id: 'xss',
      title: { sv: '<script>alert(1)</script>' },
      category: 'sfi',
      municipalities: ['0126'],
      provider: { name: '<img src=x onerror=alert(1)>', type: 'municipality' },
    };
    const dry = await upload(JSON.stringify([item]), 'application/json', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
    ]) {
      const bad = await upload(
        JSON.stringify([{ ...item, contact: { url } }]),
        'application/json',
        '?dryRun=true',
      );
      expect(bad.statusCode, url).toBe(422);
    }
    const table = portal.regions.find((r) => r.id === 'sodertorn')!.tableName;
    const published = await upload(JSON.stringify([item]), 'application/json', '?confirmRemovals=true');
    expect(published.statusCode).toBe(200);
    const live = await readPointer(table);
    const stored = (await readSnapshot(table, live!.version))[0]!;
    expect(stored.title.sv).toBe('<script>alert(1)</script>');
    const read = await dispatch({ method: 'GET', path: '/api/regions/sodertorn/interventions/xss' });
    expect(read.headers?.['content-type']).toMatch(/^application\/json/);
    expect(read.headers?.['x-content-type-options']).toBe('nosniff');
  });
});

describe('bodies built to hurt', () => {
  it.each([
    ['deeply nested JSON', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'application/json'],
    [
      'prototype pollution in JSON',
      '[{"id":"p","__proto__":{"isAdmin":true},"title":{"sv":"x"}}]',
      'application/json',
    ],
    ['constructor.prototype pollution', '{"constructor":{"prototype":{"isAdmin":true}}}', 'application/json'],
    ['invalid UTF-8', Buffer.from([0x69, 0x64, 0x3b, 0xc3, 0x28, 0xff, 0xfe, 0x0a]), 'text/csv'],
    [
      'a zip file (zip-bomb shaped)',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200_000)]),
      'text/csv',
    ],
    [
      'binary junk',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'application/json',
    ],
  ])('%s is rejected with a 4xx and changes nothing', async (_name, body, type) => {
    const before = await fingerprint(portal);
    const result = await upload(typeof body === 'string' ? Buffer.from(body) : body, type);
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await fingerprint(portal)).toEqual(before);
  });

  it('an oversized body is 413 before any handler work', async () => {
    const result = await upload(Buffer.alloc(6 * 1024 * 1024, 0x41), 'text/csv');
    expect(result.statusCode).toBe(413);
  });

  it('PATCH with prototype-pollution keys is refused at the edge', async () => {
    const result = await dispatch({
      method: 'PATCH',
      path: '/api/admin/regions/sodertorn/interventions/xss',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Buffer.from('{"__proto__":{"isAdmin":true},"title":{"sv":"y"}}'),
    });
    expect(result.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('path traversal in ids', () => {
  it.each(['..', '../../etc/passwd', '..%2F..%2Fetc', '%2e%2e', 'a/b', 'a\\b', '%00', 'x'.repeat(65)])(
    '%s is a 4xx everywhere an id is taken',
    async (id) => {
      for (const path of [
        `/api/regions/sodertorn/interventions/${id}`,
        `/api/regions/${id}/interventions`,
        `/api/admin/regions/sodertorn/interventions/${id}`,
      ]) {
        const result = await dispatch({
          method: path.includes('/admin/') ? 'PATCH' : 'GET',
          path,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: Buffer.from('{}'),
        });
        expect(result.statusCode, path).toBeGreaterThanOrEqual(400);
        expect(result.statusCode, path).toBeLessThan(500);
      }
    },
  );
});
