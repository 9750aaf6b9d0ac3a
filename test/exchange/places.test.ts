import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoDate } from '../../local/seed.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { LIMITS } from '../../shared/limits.ts';
import { type Answer, apiAs } from './helpers.ts';

let portal: Portal;
let sodertorn: ReturnType<typeof apiAs>;
let nordost: ReturnType<typeof apiAs>;
let anonymous: ReturnType<typeof apiAs>;

const PLACES = '/api/admin/regions/sodertorn/interventions/huddinge-sfx-akademiker/places';
const PUBLIC_ITEM = '/api/regions/sodertorn/interventions/huddinge-sfx-akademiker';

beforeAll(async () => {
  portal = await startPortal({ siteDir: '/nonexistent' });
  sodertorn = apiAs(portal, portal.tokenFor(['sodertorn'], 'Sara Säljare'));
  nordost = apiAs(portal, portal.tokenFor(['nordost'], 'Nils Nordost'));
  anonymous = apiAs(portal, null);
});
afterAll(async () => {
  await portal.close();
});

describe('places and price, updated by the owner without an upload', () => {
  it('before any change, the places are the catalogue’s', async () => {
    const answer = await sodertorn(PLACES);
    expect(answer.status).toBe(200);
    expect(answer.body.places).toMatchObject({
      open: true,
      placesAvailable: 6,
      pricePerParticipantSek: 32000,
      pricePeriod: 'course',
      placesUpdatedAt: demoDate('2026-11-09T08:00:00Z'), // as written in the demo, moved to today
      source: 'catalogue',
    });
    expect(answer.body.history).toEqual([]);
  });

  it('a PATCH changes places and price; every change is in the history with who and when', async () => {
    const before = Date.now();
    const first = await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 4 } });
    expect(first.status).toBe(200);
    expect(first.body.places).toMatchObject({
      open: true,
      placesAvailable: 4,
      source: 'exchange',
      updatedBy: 'Sara Säljare',
    });
    const second = await sodertorn(PLACES, {
      method: 'PATCH',
      body: { pricePerParticipantSek: 30000, pricePeriod: 'month' },
    });
    expect(second.status).toBe(200);
    expect(second.body.places).toMatchObject({
      placesAvailable: 4,
      pricePerParticipantSek: 30000,
      pricePeriod: 'month',
    });
    const history = second.body.history as { reason: string; by: string; at: string; changes: object }[];
    // Newest first: the price change, the places change, and the alignment with the catalogue.
    expect(history.map((h) => h.reason)).toEqual(['edit', 'edit', 'catalogue']);
    expect(history[0]).toMatchObject({
      by: 'Sara Säljare',
      changes: { pricePerParticipantSek: [32000, 30000], pricePeriod: ['course', 'month'] },
    });
    expect(history[1]).toMatchObject({ by: 'Sara Säljare', changes: { placesAvailable: [6, 4] } });
    expect(Date.parse(history[0]!.at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('the public intervention read shows the live places', async () => {
    const answer = await anonymous(PUBLIC_ITEM);
    expect(answer.status).toBe(200);
    expect(answer.body.item.interMunicipal).toMatchObject({
      open: true,
      placesAvailable: 4,
      pricePerParticipantSek: 30000,
      pricePeriod: 'month',
    });
    expect(Date.parse(answer.body.item.interMunicipal.placesUpdatedAt)).toBeGreaterThan(
      Date.parse(demoDate('2026-11-09T08:00:00Z')),
    );
  });

  it('confirming the same number again is recorded too (and freshens "updated")', async () => {
    const answer = await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 4 } });
    expect(answer.status).toBe(200);
    expect(answer.body.history[0]).toMatchObject({ reason: 'edit', changes: {} });
  });

  it.each<[string, unknown]>([
    ['an empty patch', {}],
    ['negative places', { placesAvailable: -1 }],
    ['a fraction of a place', { placesAvailable: 1.5 }],
    ['an unknown price period', { pricePeriod: 'year' }],
    ['an unknown field', { placesAvailable: 3, participant: 'Anna' }],
  ])('%s is refused with 400, nothing changes', async (_label, body) => {
    const before = await sodertorn(PLACES);
    const answer = await sodertorn(PLACES, { method: 'PATCH', body });
    expect(answer.status).toBe(400);
    expect(await sodertorn(PLACES)).toEqual(before);
  });

  it('an unknown intervention is 404', async () => {
    const answer = await sodertorn('/api/admin/regions/sodertorn/interventions/finns-inte/places', {
      method: 'PATCH',
      body: { placesAvailable: 1 },
    });
    expect(answer.status).toBe(404);
  });

  it("tenant isolation: another region's administrator cannot read or change the places (403, nothing changes)", async () => {
    const before = await sodertorn(PLACES);
    const read = await nordost(PLACES);
    const write = await nordost(PLACES, { method: 'PATCH', body: { placesAvailable: 100 } });
    expect(read.status).toBe(403);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('forbidden');
    expect((await anonymous(PLACES, { method: 'PATCH', body: { placesAvailable: 100 } })).status).toBe(401);
    expect(await sodertorn(PLACES)).toEqual(before);
  });
});

describe('the catalogue and the live places', () => {
  const edit = (body: object): Promise<Answer> =>
    sodertorn('/api/admin/regions/sodertorn/interventions/huddinge-sfx-akademiker', {
      method: 'PATCH',
      body,
    });

  it('a publish that does not touch interMunicipal keeps the live places', async () => {
    expect((await edit({ summary: { sv: 'Snabbspår för akademiker, nu även kvällstid.' } })).status).toBe(
      200,
    );
    const answer = await sodertorn(PLACES);
    expect(answer.body.places).toMatchObject({
      placesAvailable: 4,
      pricePerParticipantSek: 30000,
      source: 'exchange',
    });
  });

  it('a publish that changes interMunicipal is the newer statement and wins; the next write aligns', async () => {
    expect((await edit({ interMunicipal: { placesAvailable: 9 } })).status).toBe(200);
    const read = await sodertorn(PLACES);
    expect(read.body.places).toMatchObject({
      placesAvailable: 9,
      pricePerParticipantSek: 32000,
      source: 'catalogue',
    });
    const write = await sodertorn(PLACES, { method: 'PATCH', body: { open: false } });
    expect(write.body.places).toMatchObject({ open: false, placesAvailable: 9, source: 'exchange' });
    expect(write.body.history.slice(0, 2).map((h: { reason: string }) => h.reason)).toEqual([
      'edit',
      'catalogue',
    ]);
    expect(write.body.history[1].changes).toMatchObject({ placesAvailable: [4, 9] });
  });

  it('an intervention not yet open to other municipalities can be opened with a PATCH', async () => {
    const path = '/api/admin/regions/sodertorn/interventions/huddinge-sfi-kvall/places';
    const answer = await sodertorn(path, {
      method: 'PATCH',
      body: { open: true, placesAvailable: 2, pricePerParticipantSek: 1500, pricePeriod: 'month' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.places).toMatchObject({ open: true, placesAvailable: 2, source: 'exchange' });
    // Asked fresh, as the admin pages ask after a change (any reader sees it within a second: below).
    const item = await anonymous('/api/regions/sodertorn/interventions/huddinge-sfi-kvall', {
      headers: { 'cache-control': 'no-cache' },
    });
    expect(item.body.item.interMunicipal).toMatchObject({ open: true, placesAvailable: 2 });
  });

  it('a change of places shows on the public read at once when asked fresh, and within a second to every reader', async () => {
    const path = '/api/admin/regions/sodertorn/interventions/huddinge-sfi-kvall/places';
    const item = '/api/regions/sodertorn/interventions/huddinge-sfi-kvall';
    const placesOf = async (init: { headers?: Record<string, string> } = {}) =>
      (await anonymous(item, init)).body.item.interMunicipal.placesAvailable as number;
    expect(await placesOf()).toBe(2); // read now: this instance keeps it up to a second
    expect((await sodertorn(path, { method: 'PATCH', body: { placesAvailable: 1 } })).status).toBe(200);
    expect(await placesOf({ headers: { 'cache-control': 'no-cache' } })).toBe(1);
    expect((await sodertorn(path, { method: 'PATCH', body: { placesAvailable: 0 } })).status).toBe(200);
    const changed = Date.now();
    await expect.poll(() => placesOf(), { timeout: LIMITS.publicLiveMaxAgeMs + 1_000, interval: 50 }).toBe(0);
    expect(Date.now() - changed).toBeLessThan(LIMITS.publicLiveMaxAgeMs + 1_000);
  });

  it('reads of every intervention of a region share one read of its places a second', async () => {
    const page = await anonymous('/api/regions/sodertorn/interventions?limit=20', {
      headers: { 'cache-control': 'no-cache' },
    });
    const ids = (page.body.items as { id: string }[]).map((i) => i.id);
    expect(ids.length).toBeGreaterThan(5);
    // Every store call of this process (the SDK's base client: the document client's calls go through it).
    const send = vi.spyOn(Object.getPrototypeOf(DynamoDBClient.prototype), 'send');
    const placesReads = () =>
      send.mock.calls.filter(([command]) => {
        const input = (command as { input: Record<string, unknown> }).input;
        const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
        return (input.Key as { pk?: unknown } | undefined)?.pk === 'PLACES' || values?.[':pk'] === 'PLACES';
      }).length;
    try {
      const started = Date.now();
      const answers = await Promise.all(
        ids.map((id) => anonymous(`/api/regions/sodertorn/interventions/${id}`)),
      );
      expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
      expect(
        answers.find((a) => a.body.item.id === 'huddinge-sfi-kvall')!.body.item.interMunicipal,
      ).toMatchObject({ placesAvailable: 0 });
      // At most one read of the region's places per LIMITS.publicLiveMaxAgeMs, however many items are read.
      expect(placesReads()).toBeLessThanOrEqual(
        Math.ceil((Date.now() - started) / LIMITS.publicLiveMaxAgeMs),
      );
      expect(placesReads()).toBeLessThan(ids.length);
    } finally {
      send.mockRestore();
    }
  });
});
