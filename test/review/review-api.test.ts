/**
 * The review routine through the API and the reminder run: owners per municipality or category, the
 * due list, and e-mails (parsed from the outbox's .eml files) that list exactly each owner's due items,
 * sent once per owner and day however often the run is repeated.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMailer } from '../../functions/review/mail.ts';
import { runReminders } from '../../functions/review/reminders.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { apiAs } from '../exchange/helpers.ts';
import { parseEml } from './eml.ts';

let portal: Portal;
let admin: ReturnType<typeof apiAs>;
let other: ReturnType<typeof apiAs>;
let outbox: string;

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (n: number) => new Date(NOW - n * DAY).toISOString();

/** Hand-made catalogue: state by age (interval 90, grace 30: due > 90, overdue > 120, hidden > 210). */
const CATALOGUE = [
  { id: 'a-current', municipalities: ['0126'], category: 'sfi', lastReviewedAt: daysAgo(10) },
  { id: 'b-due', municipalities: ['0126'], category: 'sfi', lastReviewedAt: daysAgo(100) },
  { id: 'c-overdue', municipalities: ['0126'], category: 'sfi', lastReviewedAt: daysAgo(150) },
  { id: 'd-hidden', municipalities: ['0136'], category: 'sfi', lastReviewedAt: daysAgo(300) },
  { id: 'e-never', municipalities: ['0120'], category: 'arbete.praktik' },
  { id: 'f-health', municipalities: ['0136'], category: 'halsa.trauma', lastReviewedAt: daysAgo(95) },
  {
    id: 'g-both',
    municipalities: ['0126'],
    category: 'halsa.halsokommunikation',
    lastReviewedAt: daysAgo(130),
  },
  { id: 'h-current', municipalities: ['0136'], category: 'halsa', lastReviewedAt: daysAgo(1) },
].map((i) => ({
  ...i,
  title: { sv: `Insats ${i.id}` },
  provider: { name: 'Södertörns kommuner', type: 'municipality' },
  ...(i.lastReviewedAt ? { reviewedBy: 'Granskare' } : {}),
}));

const OWNERS = {
  reviewIntervalDays: 90,
  owners: [
    { name: 'Hanna Huddinge', email: 'hanna@huddinge.se', municipalities: ['0126'] },
    { name: 'Hälge Hälsa', email: 'halsa@sodertorn.se', categories: ['halsa'] },
    { name: 'Kim Koordinator', email: 'kim@sodertorn.se' },
  ],
};

const EXPECTED: Record<string, string[]> = {
  'hanna@huddinge.se': ['b-due', 'c-overdue', 'g-both'],
  'halsa@sodertorn.se': ['f-health', 'g-both'],
  'kim@sodertorn.se': ['d-hidden', 'e-never'],
};

const OWNERS_PATH = '/api/admin/regions/sodertorn/review/owners';
const DUE_PATH = '/api/admin/regions/sodertorn/review/due';
const options = () => ({
  mailer: new OutboxMailer(outbox),
  from: { name: 'Insatsportalen', address: 'granskning@insatsportalen.se' },
  portalUrl: 'https://insatsportalen.example',
});
const outboxFiles = () =>
  readdirSync(outbox)
    .filter((f) => f.endsWith('.eml'))
    .sort();

beforeAll(async () => {
  portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
  admin = apiAs(portal, portal.tokenFor(['sodertorn'], 'Sara Samordnare'));
  other = apiAs(portal, portal.tokenFor(['nordost'], 'Nils Nordost'));
  outbox = mkdtempSync(join(tmpdir(), 'insats-outbox-'));
  const upload = await admin('/api/admin/regions/sodertorn/catalogue', { raw: JSON.stringify(CATALOGUE) });
  expect(upload.status, JSON.stringify(upload.body.errors)).toBe(200);
});
afterAll(async () => {
  await portal.close();
  rmSync(outbox, { recursive: true, force: true });
});

describe('owners', () => {
  it('none at first: the default interval', async () => {
    const answer = await admin(OWNERS_PATH);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      regionId: 'sodertorn',
      reviewIntervalDays: 90,
      overdueGraceDays: 30,
      owners: [],
      revision: 0,
    });
  });

  it.each<[string, unknown, number]>([
    ['an e-mail that is not one', { owners: [{ name: 'X', email: 'inte-en-adress' }] }, 400],
    ['an unknown category', { owners: [{ name: 'X', email: 'x@x.se', categories: ['matlagning'] }] }, 400],
    [
      'a municipality code that does not exist',
      { owners: [{ name: 'X', email: 'x@x.se', municipalities: ['9999'] }] },
      400,
    ],
    [
      'a municipality of another region',
      { owners: [{ name: 'X', email: 'x@x.se', municipalities: ['1480'] }] },
      422,
    ],
    ['an interval of a week', { reviewIntervalDays: 7, owners: [] }, 400],
    ['an unknown field', { owners: [], notes: 'x' }, 400],
  ])('%s is refused, nothing saved', async (_label, body, status) => {
    const answer = await admin(OWNERS_PATH, { method: 'PUT', body });
    expect(answer.status).toBe(status);
    expect((await admin(OWNERS_PATH)).body.revision).toBe(0);
  });

  it('the region administrator saves owners; who and when are kept', async () => {
    const answer = await admin(OWNERS_PATH, { method: 'PUT', body: { ...OWNERS, revision: 0 } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ revision: 1, updatedBy: 'Sara Samordnare' });
    expect(answer.body.owners[2]).toEqual({
      name: 'Kim Koordinator',
      email: 'kim@sodertorn.se',
      municipalities: [],
      categories: [],
    });
    // Saving over a newer revision is refused.
    const stale = await admin(OWNERS_PATH, { method: 'PUT', body: { owners: [], revision: 0 } });
    expect(stale.status).toBe(409);
    expect((await admin(OWNERS_PATH)).body.owners).toHaveLength(3);
  });

  it("tenant isolation: another region's administrator cannot read or change them (403, nothing changes)", async () => {
    expect((await other(OWNERS_PATH)).status).toBe(403);
    expect((await other(OWNERS_PATH, { method: 'PUT', body: { owners: [] } })).status).toBe(403);
    expect((await other(DUE_PATH)).status).toBe(403);
    expect((await admin(OWNERS_PATH)).body).toMatchObject({ revision: 1 });
  });
});

describe('the due list', () => {
  it('lists due, overdue and hidden items, most urgent first, with their owners', async () => {
    const answer = await admin(DUE_PATH);
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({
      total: 8,
      current: 2,
      due: 3,
      overdue: 2,
      hidden: 1,
      unassigned: 0,
    });
    expect(answer.body.items.map((i: { id: string; state: string }) => `${i.state}:${i.id}`)).toEqual([
      'hidden:d-hidden',
      'overdue:c-overdue',
      'overdue:g-both',
      'due:e-never',
      'due:b-due',
      'due:f-health',
    ]);
    const g = answer.body.items.find((i: { id: string }) => i.id === 'g-both');
    expect(g.owners.map((o: { email: string }) => o.email)).toEqual([
      'hanna@huddinge.se',
      'halsa@sodertorn.se',
    ]);
    expect(g.dueAt).toBe(new Date(Date.parse(daysAgo(130)) + 90 * DAY).toISOString());
    const e = answer.body.items.find((i: { id: string }) => i.id === 'e-never');
    expect(e).toMatchObject({ lastReviewedAt: null, dueAt: null, owners: [{ email: 'kim@sodertorn.se' }] });
  });

  it('filters by state, owner and municipality', async () => {
    const ids = async (q: string) =>
      (await admin(`${DUE_PATH}${q}`)).body.items.map((i: { id: string }) => i.id).sort();
    expect(await ids('?state=overdue')).toEqual(['c-overdue', 'g-both']);
    expect(await ids('?owner=halsa@sodertorn.se')).toEqual(['f-health', 'g-both']);
    expect(await ids('?municipality=0136')).toEqual(['d-hidden', 'f-health']);
  });
});

describe('the reminder run', () => {
  it('sends each owner one e-mail listing exactly their due, overdue and hidden items', async () => {
    const report = await runReminders(options());
    expect(report.sent.map((s) => s.email).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(report.failed).toEqual([]);
    const files = outboxFiles();
    expect(files).toHaveLength(3);
    for (const file of files) {
      const mail = parseEml(readFileSync(join(outbox, file), 'utf8'));
      const to = /<([^>]+)>/.exec(mail.headers.to!)![1]!;
      const listed = [...mail.text.matchAll(/^- .* \[([^\]]+)\]$/gm)].map((m) => m[1]).sort();
      expect(listed, to).toEqual(EXPECTED[to]);
      expect(mail.headers['content-type']).toBe('text/plain; charset=UTF-8');
      expect(mail.headers['mime-version']).toBe('1.0');
      expect(mail.headers.from).toBe('"Insatsportalen" <granskning@insatsportalen.se>');
      expect(mail.headers['message-id']).toMatch(/^<[^@\s]+@insatsportalen\.se>$/);
      expect(Number.isNaN(Date.parse(mail.headers.date!))).toBe(false);
      // Swedish, with a link per item to the review page.
      expect(mail.text).toMatch(/^Hej /);
      for (const id of EXPECTED[to]!) {
        expect(mail.text).toContain(
          `https://insatsportalen.example/admin/granskning/?region=sodertorn#granska-${id}`,
        );
      }
    }
    const hanna = files
      .map((f) => parseEml(readFileSync(join(outbox, f), 'utf8')))
      .find((m) => m.headers.to!.includes('hanna'))!;
    expect(hanna.subject).toBe('Insatsportalen: 3 insatser att granska (2 försenade)');
    expect(hanna.text).toContain('Försenade (2):');
    expect(hanna.text).toContain('Dags att granska (1):');
    expect(hanna.text).toContain('Hanna Huddinge');
    expect(hanna.raw).toMatch(/^Subject: =\?UTF-8\?B\?/m); // non-ASCII header text is an encoded word
    const halsa = readdirSync(outbox)
      .map((f) => readFileSync(join(outbox, f), 'utf8'))
      .find((raw) => raw.includes('halsa@sodertorn.se'))!;
    expect(halsa).toMatch(/^To: =\?UTF-8\?B\?[^?]+\?= <halsa@sodertorn\.se>$/m);
    expect(parseEml(halsa).headers.to).toBe('Hälge Hälsa <halsa@sodertorn.se>');
    expect(hanna.raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
  });

  it('is idempotent per owner and day: running it again sends nothing', async () => {
    const again = await runReminders(options());
    expect(again.sent).toEqual([]);
    expect(again.alreadySent.sort()).toEqual(Object.keys(EXPECTED).sort());
    const concurrent = await Promise.all([runReminders(options()), runReminders(options())]);
    expect(concurrent.flatMap((r) => r.sent)).toEqual([]);
    expect(outboxFiles()).toHaveLength(3);
  });

  it('the next day sends again (two runs at once still send once per owner)', async () => {
    const tomorrow = new Date(NOW + DAY);
    const runs = await Promise.all([
      runReminders({ ...options(), now: tomorrow }),
      runReminders({ ...options(), now: tomorrow }),
    ]);
    expect(runs.flatMap((r) => r.sent.map((s) => s.email)).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(outboxFiles()).toHaveLength(6);
  });

  it('a failed send gives the day back, so a later run sends it', async () => {
    const day = new Date(NOW + 2 * DAY);
    const failing = { send: async () => Promise.reject(new Error('SMTP nere')) };
    const failed = await runReminders({ ...options(), mailer: failing, now: day });
    expect(failed.failed).toHaveLength(3);
    const retried = await runReminders({ ...options(), now: day });
    expect(retried.sent).toHaveLength(3);
  });

  it('confirming an item removes it from the next e-mail', async () => {
    const confirm = await admin('/api/admin/regions/sodertorn/interventions/g-both', {
      method: 'PATCH',
      body: { confirmReviewed: true },
    });
    expect(confirm.status).toBe(200);
    const due = await admin(`${DUE_PATH}?owner=halsa@sodertorn.se`);
    expect(due.body.items.map((i: { id: string }) => i.id)).toEqual(['f-health']);
    const report = await runReminders({ ...options(), now: new Date(NOW + 3 * DAY) });
    expect(report.sent.find((s) => s.email === 'halsa@sodertorn.se')?.items).toBe(1);
  });
});
