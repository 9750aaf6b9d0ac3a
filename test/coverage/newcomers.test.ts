/**
 * Newcomer figures: the CSV checks as plain functions, then POST /api/coverage/newcomers through the
 * local portal (county-board tokens only; 422 and nothing stored on any error).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { publish } from '../../functions/catalogue/store.ts';
import { parseNewcomers } from '../../functions/coverage/newcomers.ts';
import { NEWCOMERS_PK } from '../../functions/coverage/newcomers-store.ts';
import { registryTableName } from '../../functions/lib/config.ts';
import { documentClient } from '../../functions/lib/dynamo.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { CoverageResponseSchema, NewcomersUploadResponseSchema } from '../../shared/coverage.ts';
import { makeIntervention } from '../support/embedded.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
/** As Excel on Swedish Windows saves "CSV (semikolonavgränsad)": Windows-1252, CRLF. */
const excel1252 = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
const utf8 = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8');

describe('parseNewcomers', () => {
  it('reads a Windows-1252 semicolon file with Swedish headers, names, codes without the leading zero', () => {
    const result = parseNewcomers(
      excel1252([
        'Kommun;År;Antal',
        'Huddinge;2025;412',
        'Salems kommun;2025;38',
        '138;2025;1 204',
        'Värmdö;2024;97',
      ]),
      NOW,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { municipality: '0126', year: 2025, count: 412 },
      { municipality: '0128', year: 2025, count: 38 },
      { municipality: '0138', year: 2025, count: 1204 },
      { municipality: '0120', year: 2024, count: 97 },
    ]);
    expect(result.counts).toEqual({ rows: 4, valid: 4, invalid: 0 });
  });

  it('reads the English comma form and warns about unknown columns', () => {
    const result = parseNewcomers(utf8(['municipality_code,year,count,source', '0180,2025,5120,SCB']), NOW);
    expect(result.rows).toEqual([{ municipality: '0180', year: 2025, count: 5120 }]);
    expect(result.warnings.map((w) => [w.code, w.column])).toEqual([['unknown-column', 'source']]);
  });

  it('checks every row and reports each problem with row, column, code and sv/en messages', () => {
    const result = parseNewcomers(
      excel1252([
        'kommun;år;antal',
        'Huddinge;2025;412',
        'Hudinge;2025;10',
        'Haninge;25;10',
        'Tyresö;2025;-3',
        'Tyresö;2025;12,5',
        ';2025;',
        'Huddinge;2025;400',
        'Nacka;2099;=1+1',
      ]),
      NOW,
    );
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'kommun', 'unknown-municipality'],
      [4, 'år', 'invalid-year'],
      [5, 'antal', 'invalid-count'],
      [6, 'antal', 'invalid-count'],
      [7, 'kommun', 'missing-value'],
      [7, 'antal', 'missing-value'],
      [8, 'kommun', 'duplicate-row'],
      [9, 'år', 'invalid-year'],
      [9, 'antal', 'invalid-count'],
    ]);
    expect(result.errors[0]).toMatchObject({ suggestion: 'Huddinge', value: 'Hudinge' });
    for (const e of result.errors) {
      expect(e.message).toBe(e.messages.sv);
      expect(e.messages.en.length).toBeGreaterThan(10);
    }
    expect(result.counts).toEqual({ rows: 8, valid: 1, invalid: 7 });
  });

  it.each([
    ['a missing column', excel1252(['kommun;antal', 'Huddinge;4']), 'missing-column'],
    ['no rows', excel1252(['kommun;år;antal']), 'no-rows'],
    ['an empty file', new Uint8Array(0), 'empty-file'],
    ['a workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'excel-workbook'],
    ['unbalanced quotes', excel1252(['kommun;år;antal', '"Huddinge;2025;4']), 'unbalanced-quotes'],
  ])('refuses %s', (_what, bytes, code) => {
    const result = parseNewcomers(bytes, NOW);
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => e.code)).toContain(code);
  });
});

let portal: Portal;
let countyBoardToken: string;

async function upload(body: Uint8Array, auth: string | null) {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (auth) headers.authorization = `Bearer ${auth}`;
  const response = await fetch(`${portal.url}/api/coverage/newcomers`, {
    method: 'POST',
    headers,
    body: Buffer.from(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string } } & Record<string, unknown>,
  };
}

async function storedUploads() {
  const result = await documentClient().send(
    new QueryCommand({
      TableName: registryTableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': NEWCOMERS_PK },
    }),
  );
  return result.Items ?? [];
}

beforeAll(async () => {
  portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
  countyBoardToken = signDevToken(portal.devTokenSecret, {
    sub: 'lst-01',
    name: 'Länsstyrelsen Stockholm',
    groups: ['county-board'],
  });
  const sodertorn = portal.regions.find((r) => r.id === 'sodertorn')!;
  const items = Array.from({ length: 6 }, (_, i) =>
    makeIntervention(`haninge-${i}`, { municipalities: ['0136'] }),
  );
  await publish(sodertorn.tableName, {
    items,
    publishedBy: 'test',
    source: 'seed',
    counts: { added: items.length, changed: 0, removed: 0, unchanged: 0 },
  });
});
afterAll(async () => {
  await portal.close();
});

describe('POST /api/coverage/newcomers', () => {
  it('without a token → 401; with a region administrator token → 403; nothing stored', async () => {
    const file = excel1252(['kommun;år;antal', 'Haninge;2025;300']);
    const none = await upload(file, null);
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('unauthorized');
    const admin = await upload(file, portal.tokenFor(['sodertorn']));
    expect(admin.status).toBe(403);
    expect(admin.body.error?.code).toBe('forbidden');
    expect(await storedUploads()).toEqual([]);
  });

  it('bad rows → 422 with every problem, and nothing stored', async () => {
    const result = await upload(
      excel1252(['kommun;år;antal', 'Haninge;2025;300', 'Atlantis;2025;5', 'Tyresö;20x5;7']),
      countyBoardToken,
    );
    expect(result.status).toBe(422);
    const body = NewcomersUploadResponseSchema.parse(result.body);
    expect(body.status).toBe('rejected');
    expect(body.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'kommun', 'unknown-municipality'],
      [4, 'år', 'invalid-year'],
    ]);
    expect(body.counts).toEqual({ rows: 3, valid: 1, invalid: 2 });
    expect(await storedUploads()).toEqual([]);
  });

  it('a good file is stored with who uploaded it, and coverage shows interventions per 100 newcomers', async () => {
    const result = await upload(
      excel1252([
        'kommun;år;antal',
        'Haninge;2024;150',
        'Haninge;2025;300',
        'Huddinge;2025;0',
        'Göteborg;2025;2000',
      ]),
      countyBoardToken,
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: 'stored',
      counts: { rows: 4, valid: 4, invalid: 0 },
      years: [2024, 2025],
      municipalities: 3,
      uploadedBy: 'Länsstyrelsen Stockholm',
    });
    const stored = await storedUploads();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      uploadedBy: { subject: 'lst-01', name: 'Länsstyrelsen Stockholm' },
      rows: [
        ['0136', 2024, 150],
        ['0136', 2025, 300],
        ['0126', 2025, 0],
        ['1480', 2025, 2000],
      ],
    });

    const answer = CoverageResponseSchema.parse(
      await (await fetch(`${portal.url}/api/coverage?county=01`)).json(),
    );
    const haninge = answer.municipalities.find((m) => m.code === '0136')!;
    expect(haninge).toMatchObject({
      total: 6,
      newcomers: { year: 2025, count: 300 },
      perHundredNewcomers: 2,
    });
    expect(answer.municipalities.find((m) => m.code === '0126')).toMatchObject({
      newcomers: { year: 2025, count: 0 },
      perHundredNewcomers: null,
    });
    expect(answer.newcomersYear).toBe(2025);
  });

  it('a later upload replaces the figure for the same municipality and year', async () => {
    expect((await upload(excel1252(['kommun;år;antal', 'Haninge;2025;600']), countyBoardToken)).status).toBe(
      200,
    );
    const answer = CoverageResponseSchema.parse(
      await (await fetch(`${portal.url}/api/coverage?county=01`)).json(),
    );
    expect(answer.municipalities.find((m) => m.code === '0136')).toMatchObject({
      newcomers: { year: 2025, count: 600 },
      perHundredNewcomers: 1,
    });
  });
});
