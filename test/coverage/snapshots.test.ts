/** The warm snapshot cache: keyed by live version, pointer checks at most every interval, stale on failure. */
import { describe, expect, it } from 'vitest';
import type { LivePointer } from '../../functions/catalogue/store.ts';
import { SnapshotCache } from '../../functions/coverage/snapshots.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { ITEMS_A, ITEMS_B, REGION_A, REGION_B } from './fixtures.ts';

function fakeStore() {
  const pointers = new Map<string, LivePointer | null>([
    [REGION_A.tableName, { version: 1, publishedAt: '2026-11-20T10:00:00Z', itemCount: 4 }],
    [REGION_B.tableName, null],
  ]);
  const snapshots = new Map<string, Intervention[]>([
    [`${REGION_A.tableName}#1`, ITEMS_A],
    [`${REGION_A.tableName}#2`, ITEMS_A.slice(0, 2)],
    [`${REGION_B.tableName}#1`, ITEMS_B],
  ]);
  const calls = { pointer: 0, snapshot: 0 };
  let failing = false;
  return {
    pointers,
    calls,
    fail: (on: boolean) => {
      failing = on;
    },
    reader: {
      readPointer: async (table: string) => {
        calls.pointer++;
        if (failing) throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
        return pointers.get(table) ?? null;
      },
      readSnapshot: async (table: string, version: number) => {
        calls.snapshot++;
        return snapshots.get(`${table}#${version}`) ?? [];
      },
    },
  };
}

describe('SnapshotCache', () => {
  it('reads a snapshot once per live version and checks pointers at most every interval', async () => {
    const store = fakeStore();
    let now = 0;
    const cache = new SnapshotCache({ reader: store.reader, checkIntervalMs: 2_000, now: () => now });
    const first = await cache.current([REGION_A, REGION_B]);
    expect(first.map((s) => [s.region.id, s.status, s.pointer?.version ?? null, s.items.length])).toEqual([
      ['region-a', 'ok', 1, 4],
      ['region-b', 'ok', null, 0],
    ]);
    expect(store.calls).toEqual({ pointer: 2, snapshot: 1 });

    now = 1_000; // within the interval: no store call at all
    await cache.current([REGION_A, REGION_B]);
    expect(store.calls).toEqual({ pointer: 2, snapshot: 1 });

    now = 2_500; // due: pointers checked, same version → no snapshot read
    await cache.current([REGION_A, REGION_B]);
    expect(store.calls).toEqual({ pointer: 4, snapshot: 1 });

    store.pointers.set(REGION_A.tableName, { version: 2, publishedAt: '2026-11-23T10:00:00Z', itemCount: 2 });
    store.pointers.set(REGION_B.tableName, { version: 1, publishedAt: '2026-11-23T11:00:00Z', itemCount: 4 });
    now = 5_000;
    const after = await cache.current([REGION_A, REGION_B]);
    expect(after.map((s) => [s.pointer?.version, s.items.length])).toEqual([
      [2, 2],
      [1, 4],
    ]);
    expect(store.calls).toEqual({ pointer: 6, snapshot: 3 });
  });

  it('keeps serving the last loaded version as stale when the store fails; never loaded is unavailable', async () => {
    const store = fakeStore();
    let now = 0;
    const cache = new SnapshotCache({ reader: store.reader, checkIntervalMs: 2_000, now: () => now });
    await cache.current([REGION_A]);
    store.fail(true);
    now = 3_000;
    const [a, b] = await cache.current([REGION_A, REGION_B]);
    expect([a!.status, a!.items.length, a!.pointer?.version]).toEqual(['stale', 4, 1]);
    expect([b!.status, b!.items.length, b!.pointer]).toEqual(['unavailable', 0, null]);
    store.fail(false);
    now = 6_000;
    const [again] = await cache.current([REGION_A]);
    expect(again!.status).toBe('ok');
  });

  it('gives up on a pointer check that passes its deadline', async () => {
    const cache = new SnapshotCache({
      reader: { readPointer: () => new Promise(() => undefined), readSnapshot: async () => [] },
      deadlineMs: 20,
    });
    const started = Date.now();
    const [a] = await cache.current([REGION_A]);
    expect(a!.status).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('concurrent requests share one check', async () => {
    const store = fakeStore();
    const cache = new SnapshotCache({ reader: store.reader });
    await Promise.all([cache.current([REGION_A]), cache.current([REGION_A]), cache.current([REGION_A])]);
    expect(store.calls).toEqual({ pointer: 1, snapshot: 1 });
  });
});
