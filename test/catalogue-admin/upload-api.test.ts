import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { readPointer, readSnapshot } from '../../functions/catalogue/store.ts';
import { type Portal, startPortal } from '../../local/server.ts';

let portal: Portal;
let token: string;
let table: string;

const HEADER =
  'id;titel;sammanfattning;kategori;kommuner;språk;anordnare;anordnartyp;e-post;startdatum;slutdatum';
const row = (id: string, title: string, municipality = 'Värmdö', extra = ';;') =>
  `${id};${title};Kurs för nyanlända;SFI;${municipality};svenska, arabiska;Värmdö kommun;kommun${extra}`;
/** A semicolon file as Excel on Swedish Windows saves it: Windows-1252, CRLF. */
const excel1252 = (lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'latin1');
const tenRows = (prefix = 'sfi') =>
  Array.from({ length: 10 }, (_, i) => row(`${prefix}-${i}`, `SFI i Värmdö ${i}`));

async function upload(
  body: Uint8Array | string,
  options: { query?: string; type?: string; auth?: string | null; fileName?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'text/csv' };
  if (options.auth !== null) headers.authorization = `Bearer ${options.auth ?? token}`;
  if (options.fileName) headers['content-disposition'] = `attachment; filename="${options.fileName}"`;
  const response = await fetch(`${portal.url}/api/admin/regions/sodertorn/catalogue${options.query ?? ''}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : Buffer.from(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${portal.url}/api/admin/regions/sodertorn${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

const liveIds = async () => {
  const live = await readPointer(table);
  return live ? (await readSnapshot(table, live.version)).map((i) => i.id) : [];
};

beforeAll(async () => {
  portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
  token = portal.tokenFor(['sodertorn'], 'Anna Administratör');
  table = portal.regions.find((r) => r.id === 'sodertorn')!.tableName;
});
afterAll(async () => {
  await portal.close();
});

describe('uploading a catalogue', () => {
  it('a Windows-1252 semicolon file with Swedish headers publishes, and "Värmdö" survives', async () => {
    const result = await upload(excel1252(tenRows()), { fileName: 'insatser höst.csv' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: 'published',
      version: 1,
      counts: { rows: 10, valid: 10, added: 10 },
    });
    const items = await readSnapshot(table, 1);
    expect(items[0]).toMatchObject({ municipalities: ['0120'], languages: ['sv', 'ar'], category: 'sfi' });
    expect(items.map((i) => i.title.sv)).toContain('SFI i Värmdö 3');
  });

  it('a dry run reports the diff and publishes nothing', async () => {
    const lines = tenRows();
    lines[0] = row('sfi-0', 'SFI i Värmdö, kvällstid');
    lines.pop();
    lines.push(row('sfi-new', 'Ny SFI-kurs'));
    const before = await readPointer(table);
    const result = await upload(excel1252(lines), { query: '?dryRun=true' });
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('validated');
    expect(result.body.diff).toMatchObject({ added: ['sfi-new'], removed: ['sfi-9'], unchanged: 8 });
    expect(result.body.diff.changed).toEqual([{ id: 'sfi-0', fields: ['title.sv'] }]);
    expect(await readPointer(table)).toEqual(before);
  });

  it('a file with an unknown municipality is rejected with row, column and a suggestion, and changes nothing', async () => {
    const before = await liveIds();
    const result = await upload(excel1252([row('a', 'A'), row('b', 'B', 'Huddinnge')]));
    expect(result.status).toBe(422);
    expect(result.body.status).toBe('rejected');
    const problem = result.body.errors.find((e: { column: string }) => e.column === 'kommuner');
    expect(problem).toMatchObject({ row: 3 });
    expect(`${problem.message} ${problem.suggestion ?? ''}`).toMatch(/Huddinge/);
    expect(problem.messages.en).toBeTruthy();
    expect(await liveIds()).toEqual(before);
  });

  it('publishing that would remove more than half of the live catalogue needs confirmRemovals=true', async () => {
    const small = excel1252([row('sfi-0', 'SFI i Värmdö 0'), row('sfi-1', 'SFI i Värmdö 1')]);
    const refused = await upload(small);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('confirm-removals');
    expect(await liveIds()).toHaveLength(10);
    const confirmed = await upload(small, { query: '?confirmRemovals=true' });
    expect(confirmed.status).toBe(200);
    expect(await liveIds()).toEqual(['sfi-0', 'sfi-1']);
    // restore the ten for the next tests
    expect((await upload(excel1252(tenRows()))).status).toBe(200);
  });

  it('an unsupported content type is 415, an empty body 400, a 6 MB body 413 — nothing changes', async () => {
    const before = await readPointer(table);
    expect((await upload('<xml/>', { type: 'application/xml' })).status).toBe(415);
    expect((await upload('', {})).status).toBe(400);
    const big = Buffer.alloc(6 * 1024 * 1024, 0x61);
    const response = await fetch(`${portal.url}/api/admin/regions/sodertorn/catalogue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: big,
    }).catch(() => undefined);
    // The server refuses it as soon as the declared length is too large (the client may see a reset).
    if (response) expect(response.status).toBe(413);
    expect(await readPointer(table)).toEqual(before);
  });

  it('the official HSDS 3.0 examples import (the taxonomy category given for services that lack one)', async () => {
    for (const name of ['service_list.json', 'service_full.json']) {
      const file = readFileSync(new URL(`../fixtures/uploads/hsds/${name}`, import.meta.url));
      const result = await upload(file, {
        type: 'application/json',
        query: '?dryRun=true&defaultCategory=radgivning',
      });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ status: 'validated', format: 'hsds' });
      expect(result.body.counts.valid).toBeGreaterThan(0);
      const withoutCategory = await upload(file, { type: 'application/json', query: '?dryRun=true' });
      expect(withoutCategory.status).toBe(422);
    }
  });

  it('binary junk is rejected with a clear message', async () => {
    const junk = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0x00, 0x01, 0x02]);
    const result = await upload(junk);
    expect(result.status).toBe(422);
    expect(result.body.errors.length).toBeGreaterThan(0);
  });
});

describe('who may upload', () => {
  it("no token or a bad token is 401; another region's administrator is 403; nothing changes", async () => {
    const before = await readPointer(table);
    const file = excel1252(tenRows('x'));
    expect((await upload(file, { auth: null })).status).toBe(401);
    expect((await upload(file, { auth: 'not.a.token' })).status).toBe(401);
    const wrongKey = signDevToken('another-secret', { sub: 'eve', groups: ['region-sodertorn-admin'] });
    expect((await upload(file, { auth: wrongKey })).status).toBe(401);
    const expired = signDevToken(
      portal.devTokenSecret,
      { sub: 'old', groups: ['region-sodertorn-admin'] },
      1_000_000,
      60,
    );
    expect((await upload(file, { auth: expired })).status).toBe(401);
    const [, payload] = token.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await upload(file, { auth: unsigned })).status).toBe(401);
    const nordost = await upload(file, { auth: portal.tokenFor(['nordost']) });
    expect(nordost.status).toBe(403);
    expect(nordost.body.error.message).toMatch(/inte administratör/);
    expect(await readPointer(table)).toEqual(before);
  });
});

describe('versions, rollback, edits and review', () => {
  it('the history names who published, when, from what file, with counts', async () => {
    const response = await admin('/catalogue/versions');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { liveVersion: number; versions: Record<string, any>[] };
    expect(body.versions[0]!.version).toBe(body.liveVersion);
    const first = body.versions.find((v) => v.version === 1)!;
    expect(first).toMatchObject({
      publishedBy: 'Anna Administratör',
      fileName: 'insatser höst.csv',
      counts: { added: 10 },
    });
    expect(first.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('rollback makes an earlier version live again as a new version', async () => {
    const live = (await readPointer(table))!;
    const response = await admin('/catalogue/rollback', {
      method: 'POST',
      body: JSON.stringify({ version: 2 }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { version: number };
    expect(body.version).toBe(live.version + 1);
    expect(await liveIds()).toEqual(['sfi-0', 'sfi-1']);
    expect(
      (await admin('/catalogue/rollback', { method: 'POST', body: JSON.stringify({ version: 999 }) })).status,
    ).toBe(404);
    expect((await admin('/catalogue/rollback', { method: 'POST', body: '{"version":"two"}' })).status).toBe(
      400,
    );
    await admin('/catalogue/rollback', { method: 'POST', body: JSON.stringify({ version: live.version }) });
    expect(await liveIds()).toHaveLength(10);
  });

  it('PATCH edits one intervention and publishes it; an invalid edit is 422 and changes nothing', async () => {
    const ok = await admin('/interventions/sfi-3', {
      method: 'PATCH',
      body: JSON.stringify({
        summary: { sv: 'Kvällskurs två gånger i veckan' },
        contact: { phone: '08-570 470 00' },
      }),
    });
    expect(ok.status).toBe(200);
    const live = (await readPointer(table))!;
    const item = (await readSnapshot(table, live.version)).find((i) => i.id === 'sfi-3')!;
    expect(item.summary).toEqual({ sv: 'Kvällskurs två gånger i veckan' });
    expect(item.contact?.phone).toBe('08-570 470 00');
    const bad = await admin('/interventions/sfi-3', {
      method: 'PATCH',
      body: JSON.stringify({ municipalities: ['Atlantis'], contact: { email: 'inte-en-adress' } }),
    });
    expect(bad.status).toBe(422);
    const report = (await bad.json()) as { errors: unknown[] };
    expect(report.errors.length).toBeGreaterThanOrEqual(2);
    expect((await readPointer(table))!.version).toBe(live.version);
    expect((await admin('/interventions/nope', { method: 'PATCH', body: '{}' })).status).toBe(404);
    expect(
      (await admin('/interventions/sfi-3', { method: 'PATCH', body: '{"__proto__":{"polluted":true}}' }))
        .status,
    ).toBe(400);
  });

  it('confirm reviewed: one item, then all items of the region in one action', async () => {
    const one = await admin('/interventions/sfi-4', { method: 'PATCH', body: '{"confirmReviewed":true}' });
    expect(one.status).toBe(200);
    let items = await readSnapshot(table, (await readPointer(table))!.version);
    expect(items.find((i) => i.id === 'sfi-4')).toMatchObject({ reviewedBy: 'Anna Administratör' });
    expect(items.find((i) => i.id === 'sfi-5')!.lastReviewedAt).toBeUndefined();
    const all = await admin('/catalogue/review', { method: 'POST', body: '{}' });
    expect(all.status).toBe(200);
    expect(await all.json()).toMatchObject({ confirmed: 10 });
    items = await readSnapshot(table, (await readPointer(table))!.version);
    expect(items.every((i) => i.lastReviewedAt && i.reviewedBy === 'Anna Administratör')).toBe(true);
  });
});

describe('export and template', () => {
  it('CSV export → upload round-trips without loss (å/ä/ö, line breaks, quotes)', async () => {
    const patched = await admin('/interventions/sfi-6', {
      method: 'PATCH',
      body: JSON.stringify({ description: { sv: 'Rad ett; med "citat"\nRad två: åäö ÅÄÖ' } }),
    });
    expect(patched.status).toBe(200);
    const before = await readSnapshot(table, (await readPointer(table))!.version);
    const exported = await admin('/catalogue/export?format=csv');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /attachment; filename="insatser-sodertorn-v\d+\.csv"/,
    );
    const csv = Buffer.from(await exported.arrayBuffer());
    const dry = await upload(csv, { query: '?dryRun=true' });
    expect(dry.status).toBe(200);
    expect(dry.body.diff).toMatchObject({ added: [], changed: [], removed: [], unchanged: before.length });
  });

  it('exports JSON and HSDS', async () => {
    const asJson = (await (await admin('/catalogue/export?format=json')).json()) as unknown[];
    expect(asJson).toHaveLength(10);
    const asHsds = (await (await admin('/catalogue/export?format=hsds')).json()) as {
      id: string;
      name: string;
    }[];
    expect(asHsds).toHaveLength(10);
    expect(asHsds[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await admin('/catalogue/export?format=xlsx')).status).toBe(400);
  });

  it('the blank template is downloadable: a header row and one example row', async () => {
    const response = await fetch(`${portal.url}/api/catalogue/template.csv`);
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^id;titel;/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});

describe('concurrency and hostile input', () => {
  it('two concurrent uploads leave exactly one consistent live version; a loser gets 409', async () => {
    const results = await Promise.all([
      upload(excel1252(tenRows('one')), { query: '?confirmRemovals=true' }),
      upload(excel1252(tenRows('two')), { query: '?confirmRemovals=true' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses).toContain(200);
    const ids = await liveIds();
    const prefixes = new Set(ids.map((id) => id.split('-')[0]));
    expect(prefixes.size).toBe(1);
    expect(ids).toHaveLength(10);
  });

  it('no body makes the upload handler answer 5xx or change the live catalogue when it rejects', async () => {
    let before = await readPointer(table);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ maxLength: 300 }).map((s) => Buffer.from(`${HEADER}\r\n${s}`, 'utf8')),
          fc.json().map((s) => Buffer.from(s)),
        ),
        fc.constantFrom('text/csv', 'application/json', 'text/plain', 'application/octet-stream'),
        async (body, type) => {
          const result = await upload(body, { type, query: '?dryRun=false' });
          expect(result.status).toBeLessThan(500);
          if (result.status !== 200) expect(await readPointer(table)).toEqual(before);
          else before = await readPointer(table);
        },
      ),
      { numRuns: 150 },
    );
  });
});
