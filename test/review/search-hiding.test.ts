/**
 * An item unconfirmed for two review intervals (2 × 90 + 30 = 210 days by default) is hidden from
 * newcomer search, and only there: the rule at its boundary with a fake clock, in the Federation and
 * through the real search handler.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LivePointer } from '../../functions/catalogue/store.ts';
import { hideUnreviewed } from '../../functions/review/search-visibility.ts';
import { searchIndexBytes } from '../../functions/search/engine/index-codec.ts';
import { Federation } from '../../functions/search/federation.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { apiAs } from '../exchange/helpers.ts';
import { makeIntervention, testRegion } from '../support/embedded.ts';
import { uploadReviewed } from './fixtures.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('the Federation with the hiding rule (fake clock)', () => {
  const T = Date.parse('2026-07-30T00:00:00.000Z'); // 210 days after 2026-01-01
  const region = testRegion('fejk', ['0126']);
  const items: Intervention[] = [
    makeIntervention('edge', { lastReviewedAt: '2026-01-01' }), // hidden after 2026-07-30T00:00:00.000Z
    makeIntervention('earlier', { lastReviewedAt: '2025-12-31' }), // hidden a day earlier
    makeIntervention('recent', { lastReviewedAt: '2026-07-01' }),
    makeIntervention('never'),
  ];
  let clock = T - 1;
  let snapshotReads = 0;
  const federation = new Federation({
    now: () => clock,
    checkIntervalMs: 0,
    filter: hideUnreviewed,
    reader: {
      readPointer: async (): Promise<LivePointer> => ({
        version: 1,
        publishedAt: '2026-01-01T00:00:00Z',
        itemCount: items.length,
      }),
      // With the index built at publish over every item: hiding must still take items out of it.
      readSearchSnapshot: async () => {
        snapshotReads++;
        return { items, searchIndex: searchIndexBytes(items) };
      },
    },
  });
  const ids = async () => {
    await federation.current([region]);
    await federation.settle();
    const { indexes } = await federation.current([region]);
    return indexes[0]!.items.map((i) => i.id).sort();
  };

  it('at exactly 210 days the item is still found; one millisecond later it is not', async () => {
    expect(await ids()).toEqual(['edge', 'never', 'recent']);
    clock = T;
    expect(await ids()).toEqual(['edge', 'never', 'recent']);
    clock = T + 1;
    expect(await ids()).toEqual(['never', 'recent']);
  });

  it('the index is rebuilt from memory: the snapshot was read once', () => {
    expect(snapshotReads).toBe(1);
  });
});

describe('through the search handler (fake Date)', () => {
  let portal: Portal;
  let admin: ReturnType<typeof apiAs>;
  let T0: number;
  const ago = (ms: number) => new Date(T0 - ms).toISOString();

  const searchIds = async () => {
    const answer = await apiAs(portal, null)('/api/search?region=nordost&limit=100');
    expect(answer.status).toBe(200);
    return (answer.body.results as { id: string }[]).map((r) => r.id).sort();
  };

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    T0 = Date.parse('2026-12-01T08:00:00.000Z');
    vi.setSystemTime(T0);
    portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
    admin = apiAs(portal, portal.tokenFor(['nordost'], 'Nora'));
    await uploadReviewed(admin, [
      { id: 'fresh', lastReviewedAt: ago(10 * DAY) },
      { id: 'edge', lastReviewedAt: ago(210 * DAY - HOUR) }, // hidden one hour from T0
      { id: 'gone', lastReviewedAt: ago(211 * DAY) },
      { id: 'mid', lastReviewedAt: ago(160 * DAY) }, // overdue at 90 days, hidden at a 60-day interval
      { id: 'never' },
    ]);
  });
  afterAll(async () => {
    await portal.close();
    vi.useRealTimers();
  });

  it('an item unconfirmed for more than 210 days is not found by newcomers', async () => {
    expect(await searchIds()).toEqual(['edge', 'fresh', 'mid', 'never']);
  });

  it('…but is still in the admin export, the public catalogue listing and the due list (as hidden)', async () => {
    const exported = await admin('/api/admin/regions/nordost/catalogue/export?format=json');
    expect(JSON.stringify(exported.body)).toContain('"gone"');
    const listing = await apiAs(portal, null)('/api/regions/nordost/interventions?limit=100');
    expect(listing.body.items.map((i: { id: string }) => i.id)).toContain('gone');
    const due = await admin('/api/admin/regions/nordost/review/due?state=hidden');
    expect(due.body.items.map((i: { id: string }) => i.id)).toEqual(['gone']);
  });

  it('when the clock passes an item’s 210th day, search stops finding it (no new publish needed)', async () => {
    vi.setSystemTime(T0 + HOUR); // exactly 210 days: still shown
    await searchIds();
    await expect.poll(searchIds, { interval: 50, timeout: 3_000 }).toEqual(['edge', 'fresh', 'mid', 'never']);
    vi.setSystemTime(T0 + HOUR + 2_001); // past it, and past the next pointer check
    await expect.poll(searchIds, { interval: 50, timeout: 3_000 }).toEqual(['fresh', 'mid', 'never']);
  });

  it("the region's own interval counts: 60 days hides what is 160 days old", async () => {
    const saved = await admin('/api/admin/regions/nordost/review/owners', {
      method: 'PUT',
      body: { reviewIntervalDays: 60, owners: [] },
    });
    expect(saved.status).toBe(200);
    vi.setSystemTime(Date.now() + 2_001);
    await expect.poll(searchIds, { interval: 50, timeout: 3_000 }).toEqual(['fresh', 'never']);
  });

  it('confirming a hidden item brings it back', async () => {
    const confirmed = await admin('/api/admin/regions/nordost/interventions/gone', {
      method: 'PATCH',
      body: { confirmReviewed: true },
    });
    expect(confirmed.status).toBe(200);
    vi.setSystemTime(Date.now() + 2_001);
    await expect.poll(searchIds, { interval: 50, timeout: 3_000 }).toEqual(['fresh', 'gone', 'never']);
  });
});
