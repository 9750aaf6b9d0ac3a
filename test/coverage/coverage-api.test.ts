/**
 * GET /api/coverage through the local portal (embedded DynamoDB, the real handler): the hand-computed
 * numbers of fixtures.ts, all 290 municipalities, 400s on unknown codes, the CSV variant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../functions/catalogue/store.ts';
import { snapshots } from '../../functions/coverage/get-coverage.ts';
import { writeReviewConfig } from '../../functions/review/config-store.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { CoverageResponseSchema } from '../../shared/coverage.ts';
import { MUNICIPALITIES } from '../../shared/geo.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { TOP_LEVEL_CATEGORIES } from '../../shared/taxonomy.ts';
import { makeIntervention } from '../support/embedded.ts';
import { itemsA, itemsB, REGION_A, REGION_B } from './fixtures.ts';

let portal: Portal;
const HOSTILE = {
  ...REGION_B,
  id: 'hostile',
  name: '=HYPERLINK("http://evil.example","Region")',
  tableName: 'coverage-hostile',
  municipalities: ['0114'],
};

const seed = (table: string, items: Intervention[]) =>
  publish(table, {
    items,
    publishedBy: 'test',
    source: 'seed',
    counts: { added: items.length, changed: 0, removed: 0, unchanged: 0 },
  });

async function coverage(query: string) {
  const response = await fetch(`${portal.url}/api/coverage${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return CoverageResponseSchema.parse(await response.json());
}

beforeAll(async () => {
  portal = await startPortal({
    regions: [REGION_A, REGION_B, HOSTILE],
    seedDemo: false,
    siteDir: '/nonexistent',
  });
  const now = new Date();
  await seed(REGION_A.tableName, itemsA(now));
  await seed(REGION_B.tableName, itemsB(now));
});
afterAll(async () => {
  await portal.close();
});

const zeros = Object.fromEntries(TOP_LEVEL_CATEGORIES.map((c) => [c.code, 0]));

describe('GET /api/coverage', () => {
  it('county 01: the hand-computed matrix for two regions sharing Haninge', async () => {
    const answer = await coverage('?county=01');
    const row = (code: string) => answer.municipalities.find((m) => m.code === code)!;
    expect(answer.municipalities).toHaveLength(26);
    expect(row('0126')).toMatchObject({
      total: 2,
      categories: { ...zeros, sfi: 1, samhallsorientering: 1 },
      languages: { sv: 1, ar: 2, so: 1 },
      remote: 1,
    });
    expect(row('0136')).toMatchObject({
      total: 4,
      categories: { ...zeros, sfi: 2, arbete: 1, halsa: 1 },
      languages: { sv: 3, ar: 2, uk: 1 },
      remote: 1,
    });
    expect(row('0138')).toMatchObject({ total: 1, categories: { ...zeros, halsa: 1 }, remote: 2 });
    expect(row('0180')).toMatchObject({ total: 0, remote: 1 });
    expect(answer.totals).toEqual({ interventions: 7, onSite: 5, remote: 2, stale: 0 });
    expect(answer.gaps.municipalities).toHaveLength(49);
    expect(answer.gaps.categoryLanguages).toHaveLength(72);
  });

  it('per region: items, reviewed within 90 days, recommended fields, days since publishing, store status', async () => {
    const answer = await coverage('?county=01');
    expect(answer.regions.map((r) => r.id)).toEqual(['hostile', 'region-a', 'region-b']);
    const [hostile, a, b] = answer.regions;
    expect(hostile).toMatchObject({ status: 'ok', version: null, itemCount: 0, daysSinceLastPublish: null });
    expect(a).toMatchObject({
      status: 'ok',
      version: 1,
      daysSinceLastPublish: 0,
      itemCount: 4,
      remoteCount: 1,
      reviewed: { count: 2, share: 0.5 },
      fields: { summary: 0.5, contact: 0.25, dates: 0.25, translations: 0.25 },
    });
    expect(b).toMatchObject({ itemCount: 4, reviewed: { count: 1, share: 0.25 }, fields: { summary: 0 } });
  });

  it('without a county: every one of the 290 municipalities, once, including those with nothing', async () => {
    const answer = await coverage('');
    expect(answer.municipalities).toHaveLength(290);
    expect(answer.municipalities.map((m) => m.code).sort()).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    expect(answer.municipalities.filter((m) => m.total === 0 && m.remote === 0).length).toBe(290 - 5);
    for (const m of answer.municipalities)
      expect(Object.keys(m.categories).sort()).toEqual(Object.keys(zeros).sort());
  });

  it('filters: region, category, language', async () => {
    const byRegion = await coverage('?county=01&region=region-b');
    expect(byRegion.municipalities.find((m) => m.code === '0136')!.total).toBe(2);
    const sfi = await coverage('?county=01&category=sfi&language=sv');
    expect(sfi.categories).toEqual(['sfi']);
    expect(sfi.municipalities.find((m) => m.code === '0136')).toMatchObject({
      total: 2,
      categories: { sfi: 2 },
    });
  });

  it.each([
    ['?county=99', 'county'],
    ['?county=1', 'county'],
    ['?category=dans', 'category'],
    ['?language=klingon', 'language'],
    ['?region=atlantis', 'region'],
    ['?region=NOT_A_SLUG', 'region'],
    ['?format=xlsx', 'format'],
  ])('%s → 400 naming %s', async (query, field) => {
    const response = await fetch(`${portal.url}/api/coverage${query}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('invalid-query');
    expect(JSON.stringify(body.error.details)).toContain(field);
    expect(body.error.messages.en).toBeTruthy();
  });

  it('reads each region snapshot once per live version, and shows a new publish', async () => {
    const reads = snapshots.snapshotReads;
    await coverage('?county=01');
    await coverage('?county=01');
    expect(snapshots.snapshotReads).toBe(reads);
    await seed(REGION_B.tableName, itemsB(new Date()).slice(0, 1));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const answer = await coverage('?county=01');
    expect(snapshots.snapshotReads).toBe(reads + 1);
    expect(answer.regions.find((r) => r.id === 'region-b')).toMatchObject({ version: 2, itemCount: 1 });
    await seed(REGION_B.tableName, itemsB(new Date()));
  });
});

describe('GET /api/coverage?format=csv', () => {
  it('a semicolon CSV with BOM for Excel, named after the scope, every cell neutralised', async () => {
    const response = await fetch(`${portal.url}/api/coverage?format=csv&county=01&table=regions`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="tackning-regions-lan-01.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(`hostile;"'=HYPERLINK(""http://evil.example"",""Region"")";Stockholms län;ok`);
    for (const line of text.slice(1).split('\r\n')) {
      for (const cell of line.split(';')) expect(cell).not.toMatch(/^"?[=+\-@]/);
    }
  });

  it('municipalities: 290 rows plus the header without a county', async () => {
    const text = await (await fetch(`${portal.url}/api/coverage?format=csv`)).text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(291);
  });
});

describe('stale items through the real handler: the region’s own review interval', () => {
  it('an item unconfirmed for two of the region’s intervals plus the grace is stale, not offered', async () => {
    // The hostile region (Upplands Väsby, 0114) chooses 30 days: hidden after 30 + 30 + 30 = 90 days.
    await writeReviewConfig(HOSTILE, { reviewIntervalDays: 30, owners: [] }, 'test');
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await seed(HOSTILE.tableName, [
      makeIntervention('h1', { category: 'sfi', municipalities: ['0114'], lastReviewedAt: daysAgo(91) }),
      makeIntervention('h2', { category: 'sfi', municipalities: ['0114'], lastReviewedAt: daysAgo(89) }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the pointer check interval
    const answer = await coverage('?county=01');
    expect(answer.regions.find((r) => r.id === 'hostile')).toMatchObject({
      itemCount: 2,
      reviewIntervalDays: 30,
      staleItems: 1,
      staleShare: 0.5,
    });
    expect(answer.municipalities.find((m) => m.code === '0114')).toMatchObject({
      total: 1,
      categories: { sfi: 1 },
      stale: 1,
    });
    expect(answer.totals.stale).toBe(1);
    const csv = await (await fetch(`${portal.url}/api/coverage?format=csv&county=01&table=regions`)).text();
    const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
    expect(header!.split(';').slice(-2)).toEqual(['Inaktuella (dolda i sökningen)', 'Inaktuella (%)']);
    expect(
      lines
        .find((l) => l.startsWith('hostile;'))!
        .split(';')
        .slice(-2),
    ).toEqual(['1', '50']);
  });
});
