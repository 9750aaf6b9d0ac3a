/**
 * `npm run reminders` (local/reminders.ts) end to end: run as its own process against a running local
 * portal (found through .data/portal.json, as `npm start` leaves it), writing .eml files to the outbox;
 * a second run the same day sends nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, ROOT, startPortal } from '../../local/server.ts';
import { apiAs } from '../exchange/helpers.ts';

const run = promisify(execFile);
let portal: Portal;
let dataDir: string;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'insats-data-'));
  portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
  const admin = apiAs(portal, portal.tokenFor(['nordost'], 'Nora'));
  const items = ['gammal', 'aldrig'].map((id, i) => ({
    id,
    title: { sv: `Insats ${id}` },
    category: 'sfi',
    municipalities: ['0160'],
    provider: { name: 'Täby kommun', type: 'municipality' },
    ...(i === 0 ? { lastReviewedAt: daysAgo(200) } : {}),
  }));
  expect((await admin('/api/admin/regions/nordost/catalogue', { raw: JSON.stringify(items) })).status).toBe(
    200,
  );
  const owners = { owners: [{ name: 'Nora Nordost', email: 'nora@taby.se' }] };
  expect(
    (await admin('/api/admin/regions/nordost/review/owners', { method: 'PUT', body: owners })).status,
  ).toBe(200);
  // What `npm start` leaves for the command: where the store of the running portal is.
  writeFileSync(
    join(dataDir, 'portal.json'),
    JSON.stringify({ url: portal.url, dynamoEndpoint: portal.dynamoEndpoint, pid: process.pid }),
  );
});
afterAll(async () => {
  await portal.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const command = () =>
  run(join(ROOT, 'node_modules', '.bin', 'node'), ['local/reminders.ts'], {
    cwd: ROOT,
    env: { ...process.env, INSATS_DATA_DIR: dataDir, INSATS_LOG_LEVEL: 'silent' },
  });

describe('npm run reminders', () => {
  it('writes one .eml per owner into the outbox, and only once a day', async () => {
    const first = await command();
    expect(first.stdout).toMatch(/1 sent/);
    expect(first.stdout).toMatch(/nora@taby\.se: 2 items/);
    const outbox = join(dataDir, 'outbox');
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const second = await command();
    expect(second.stdout).toMatch(/0 sent/);
    expect(second.stdout).toMatch(/already sent today: nora@taby\.se/);
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
  });
});
