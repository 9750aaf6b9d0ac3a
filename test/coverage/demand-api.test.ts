/**
 * Unmet demand end to end: searches through the real search handler (local portal, embedded DynamoDB),
 * the counters as they are written to the national table, and GET /api/coverage/demand.
 * The privacy test reads the stored DEMAND items raw and looks for anything that could identify a person.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registryTableName } from '../../functions/lib/config.ts';
import { documentClient } from '../../functions/lib/dynamo.ts';
import {
  configureDemandFlush,
  flushDemand,
  pendingDemandEntries,
  recordSearch,
} from '../../functions/statistics/demand-recorder.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { DemandResponseSchema } from '../../shared/coverage.ts';

let portal: Portal;

const IDENTIFYING_HEADERS = {
  'user-agent': 'Mozilla/5.0 (X11; Linux) UniqueAgent/7f3a9',
  'x-forwarded-for': '203.0.113.7',
  'x-real-ip': '198.51.100.23',
  cookie: 'session=s3ss10n-abc',
  'accept-language': 'ar',
};

async function search(params: Record<string, string>) {
  const response = await fetch(`${portal.url}/api/search?${new URLSearchParams(params)}`, {
    headers: IDENTIFYING_HEADERS,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json() as Promise<{ total: number }>;
}

async function demandItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: registryTableName(), ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []).filter((i) => String(i.pk).startsWith('DEMAND#')));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function demand(query: string) {
  const response = await fetch(`${portal.url}/api/coverage/demand${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return DemandResponseSchema.parse(await response.json());
}

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, siteDir: '/nonexistent' });
});
afterEach(() => configureDemandFlush({}));
afterAll(async () => {
  await flushDemand();
  await portal.close();
});

describe('no personal data reaches the statistics store', () => {
  const PERSONNUMMER_QUERY = 'sfi 19900101-1234';
  const EMAIL_QUERY = 'anna.svensson@example.se';
  const LONG_QUERY =
    'Jag heter Fatima Yusuf, bor på Storgatan 5 i Huddinge och behöver hjälp efter tortyr, ring 0701234567';

  it('stores only the day, county, municipality, bucket, filters, normalised words and a count', async () => {
    await search({ q: PERSONNUMMER_QUERY, municipality: '0126' });
    await search({ q: EMAIL_QUERY, municipality: '0126', language: 'ar' });
    await search({ q: LONG_QUERY, municipality: '0126' });
    await search({ q: 'Hälsa  KVINNOR hälsa', municipality: '0136', category: 'halsa' });
    await flushDemand();

    const items = await demandItems();
    expect(items.length).toBeGreaterThanOrEqual(4);
    const raw = JSON.stringify(items);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['count', 'pk', 'sk']);
      expect(item.pk).toMatch(/^DEMAND#\d{4}-\d{2}-\d{2}$/);
      expect(item.sk).toMatch(/^(\d{2}|-)\|(\d{4}|-)\|(0|1-2|3-10|11\+)\|[a-z0-9=,.-]*\|[^|]*$/u);
      expect(typeof item.count).toBe('number');
    }
    // Nothing of the person: no personnummer (or part of it), e-mail, name, address, phone, headers.
    for (const forbidden of [
      '19900101',
      '1234',
      '@',
      'anna',
      'svensson',
      'example',
      'fatima',
      'yusuf',
      'storgatan',
      'tortyr',
      '0701234567',
      'UniqueAgent',
      'Mozilla',
      '203.0.113.7',
      '198.51.100.23',
      's3ss10n',
      PERSONNUMMER_QUERY,
      EMAIL_QUERY,
    ]) {
      expect(raw.toLowerCase(), forbidden).not.toContain(forbidden.toLowerCase());
    }
    expect(raw).not.toMatch(/\d{6}/);
    // No time finer than the day anywhere.
    expect(raw).not.toMatch(/T\d{2}:\d{2}/);

    const sks = items.map((i) => String(i.sk));
    const has = (pattern: RegExp) =>
      expect(
        sks.some((sk) => pattern.test(sk)),
        String(pattern),
      ).toBe(true);
    has(/^01\|0126\|[^|]+\|\|sfi$/);
    has(/^01\|0126\|[^|]+\|language=ar\|$/);
    has(/^01\|0126\|[^|]+\|\|\*$/);
    has(/^01\|0136\|[^|]+\|category=halsa\|hälsa kvinnor$/);
  });
});

describe('counting never slows or breaks a search', () => {
  it('flushes by itself when N distinct searches are pending', async () => {
    configureDemandFlush({ entries: 3, ms: 60_000 });
    await flushDemand();
    for (const q of ['batchord-ett', 'batchord-tva', 'batchord-tre'])
      await search({ q, municipality: '0180' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pendingDemandEntries()).toBe(0);
    const sks = (await demandItems()).map((i) => String(i.sk));
    expect(sks.filter((sk) => sk.includes('batchord'))).toHaveLength(3);
  });

  it('flushes by itself T after the first pending search', async () => {
    configureDemandFlush({ entries: 1_000, ms: 150 });
    await flushDemand();
    await search({ q: 'tidsord', municipality: '0180' });
    expect(pendingDemandEntries()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pendingDemandEntries()).toBe(0);
    expect((await demandItems()).some((i) => String(i.sk).endsWith('|tidsord'))).toBe(true);
  });

  it('a flush writes one counter at a time, paced, so it never crowds out the searches', async () => {
    configureDemandFlush({ entries: 1_000, ms: 60_000, writesPerSecond: 50 });
    await flushDemand();
    const keys = ['pendelord', 'metronom', 'rytmord', 'pulsord', 'tempoord', 'taktslag'];
    for (const q of keys) recordSearch({ q, municipality: '0180' }, 0);
    // Every store call of this process, passed through, with how many were in flight at once.
    const base = Object.getPrototypeOf(DynamoDBClient.prototype);
    const send = base.send;
    let calls = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    const spy = vi.spyOn(base, 'send').mockImplementation(function (this: unknown, ...args: unknown[]) {
      calls++;
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      return (send.apply(this, args) as Promise<unknown>).finally(() => inFlight--);
    });
    const started = performance.now();
    try {
      await flushDemand();
    } finally {
      spy.mockRestore();
    }
    const elapsed = performance.now() - started;
    expect(calls).toBe(keys.length);
    expect(mostInFlight).toBe(1);
    // Six writes at 50 a second: the last starts at least 5 × 20 ms after the first.
    expect(elapsed).toBeGreaterThanOrEqual(5 * 20 - 2);
    const sks = (await demandItems()).map((i) => String(i.sk));
    for (const q of keys) expect(sks.some((sk) => sk.endsWith(`|${q}`))).toBe(true);
  });

  it('a failing store: the flush logs and drops, never throws', async () => {
    const table = process.env.REGISTRY_TABLE_NAME;
    process.env.REGISTRY_TABLE_NAME = 'no-such-table';
    try {
      expect(() => recordSearch({ q: 'förlorat', municipality: '0180' }, 0)).not.toThrow();
      await expect(flushDemand()).resolves.toBeUndefined();
      expect(pendingDemandEntries()).toBe(0);
    } finally {
      process.env.REGISTRY_TABLE_NAME = table;
    }
    expect((await demandItems()).some((i) => String(i.sk).includes('förlorat'))).toBe(false);
  });
});

describe('GET /api/coverage/demand', () => {
  it('k < 5: four searches that found nothing are withheld; the fifth makes the row appear', async () => {
    for (let i = 0; i < 4; i++)
      await search({ q: 'Cykelkurs för trumpetare', municipality: '0126', language: 'so' });
    await flushDemand();
    let answer = await demand('?municipality=0126');
    expect(answer.unmet.some((r) => r.terms.includes('cykelkurs'))).toBe(false);
    expect(answer.languages.some((l) => l.language === 'so')).toBe(false);
    expect(answer.suppressedRows).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).not.toContain('cykelkurs');

    await search({ q: 'trumpetare cykelkurs', municipality: '0126', language: 'so' });
    await flushDemand();
    answer = await demand('?municipality=0126');
    expect(answer.unmet).toContainEqual({
      terms: ['cykelkurs', 'trumpetare'],
      filters: { language: 'so' },
      count: 5,
    });
    expect(answer.languages).toContainEqual({ language: 'so', count: 5 });
    expect(answer).toMatchObject({
      scope: { county: '01', municipality: '0126' },
      days: 30,
      minimumReportableCount: 5,
    });

    const county = await demand('?county=01&days=7');
    expect(county.unmet).toContainEqual({
      terms: ['cykelkurs', 'trumpetare'],
      filters: { language: 'so' },
      count: 5,
    });
    const elsewhere = await demand('?county=14');
    expect(elsewhere.unmet).toEqual([]);
  });

  it('a search with results is not unmet demand; every shown count is at least 5', async () => {
    for (let i = 0; i < 5; i++) await search({ q: 'sfi', municipality: '0126' });
    await flushDemand();
    const answer = await demand('?county=01');
    expect(answer.unmet.some((r) => r.terms.join(' ') === 'sfi')).toBe(false);
    for (const row of [...answer.unmet, ...answer.languages]) expect(row.count).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['?county=99', 400],
    ['?municipality=9999', 400],
    ['?days=31', 400],
    ['?county=14&municipality=0126', 400],
    ['?days=90', 200],
    ['', 200],
  ])('%s → %i', async (query, status) => {
    expect((await fetch(`${portal.url}/api/coverage/demand${query}`)).status).toBe(status);
  });
});
