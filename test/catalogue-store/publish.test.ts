import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  getItem,
  listItems,
  listVersions,
  PublishConflictError,
  publish,
  readPointer,
  readSearchSnapshot,
  readSnapshot,
  SNAPSHOT_CHUNK_BYTES,
  versionPk,
} from '../../functions/catalogue/store.ts';
import { documentClient } from '../../functions/lib/dynamo.ts';
import { buildRegionIndex, searchFederated } from '../../functions/search/engine/index.ts';
import {
  decodeRegionIndex,
  INDEX_FORMAT,
  searchIndexBytes,
} from '../../functions/search/engine/index-codec.ts';
import { Federation } from '../../functions/search/federation.ts';
import { LIMITS } from '../../shared/limits.ts';
import { makeIntervention, startStores, testRegion } from '../support/embedded.ts';

const region = testRegion('store', ['0126']);
const swapRegion = testRegion('swap', ['0126']);
const other = testRegion('swap-other', ['0138']);
const table = region.tableName;
const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
let stores: Awaited<ReturnType<typeof startStores>>;

const catalogue = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => makeIntervention(`${prefix}-${String(i).padStart(3, '0')}`));

async function rowsOfVersion(version: number) {
  const result = await documentClient().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': versionPk(version) },
    }),
  );
  return result.Items ?? [];
}

beforeAll(async () => {
  stores = await startStores([region, swapRegion, other]);
});
afterAll(async () => {
  await stores.close();
});

describe('the versioned catalogue store', () => {
  it('publishes a complete version and flips the live pointer to it', async () => {
    const record = await publish(table, {
      items: catalogue('a', 60),
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    expect(record.status).toBe('complete');
    const live = await readPointer(table);
    expect(live).toMatchObject({ version: record.version, itemCount: 60 });
    expect((await readSnapshot(table, record.version)).map((i) => i.id)).toHaveLength(60);
    expect(await getItem(table, record.version, 'a-007')).toMatchObject({ id: 'a-007' });
  });

  it('pages a version in id order without gaps or repeats', async () => {
    const live = (await readPointer(table))!;
    const seen: string[] = [];
    let afterId: string | undefined;
    do {
      const page = await listItems(table, live.version, { limit: 7, afterId });
      seen.push(...page.items.map((i) => i.id));
      afterId = page.lastId ?? undefined;
    } while (afterId);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(60);
  });

  it('keeps the previous version readable after a new publish (for rollback and open cursors)', async () => {
    const before = (await readPointer(table))!;
    const record = await publish(table, {
      items: catalogue('b', 5),
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    expect((await readPointer(table))!.version).toBe(record.version);
    expect(await readSnapshot(table, before.version)).toHaveLength(60);
    const versions = await listVersions(table);
    expect(versions.map((v) => v.version).slice(0, 2)).toEqual([record.version, before.version]);
    expect(versions[0]).toMatchObject({ publishedBy: 'test', source: 'upload', itemCount: 5 });
  });

  it('two concurrent publishes leave exactly one consistent live version; the loser gets a conflict', async () => {
    const before = (await readPointer(table))!;
    const results = await Promise.allSettled([
      publish(table, { items: catalogue('x', 40), publishedBy: 'one', source: 'upload', counts }),
      publish(table, { items: catalogue('y', 40), publishedBy: 'two', source: 'upload', counts }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(PublishConflictError);
    const live = (await readPointer(table))!;
    expect(live.version).toBe(before.version + 1);
    const ids = (await readSnapshot(table, live.version)).map((i) => i.id);
    const prefixes = new Set(ids.map((id) => id[0]));
    expect(prefixes.size).toBe(1);
    expect(ids).toHaveLength(40);
  });

  it('a publish killed midway leaves the old version live, and the next publish cleans the partial one up', async () => {
    const before = (await readPointer(table))!;
    const crash = new Error('killed');
    await expect(
      publish(
        table,
        { items: catalogue('c', 80), publishedBy: 'test', source: 'upload', counts },
        {
          afterBatch: (i) => {
            if (i === 1) throw crash;
          },
        },
      ),
    ).rejects.toBe(crash);
    expect(await readPointer(table)).toEqual(before);
    const partial = (await listVersions(table)).find((v) => v.status === 'writing');
    expect(partial).toBeDefined();
    expect((await rowsOfVersion(partial!.version)).length).toBeGreaterThan(0);

    const next = await publish(table, {
      items: catalogue('d', 3),
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    expect(await rowsOfVersion(partial!.version)).toHaveLength(0);
    expect((await listVersions(table)).some((v) => v.version === partial!.version)).toBe(false);
    expect((await readPointer(table))!.version).toBe(next.version);
  });

  it('a publish that fails right before the flip leaves the old version live and no orphan after cleanup', async () => {
    const before = (await readPointer(table))!;
    await expect(
      publish(
        table,
        { items: catalogue('e', 10), publishedBy: 'test', source: 'upload', counts },
        {
          beforeFlip: () => {
            throw new Error('killed before flip');
          },
        },
      ),
    ).rejects.toThrow('killed before flip');
    expect(await readPointer(table)).toEqual(before);
    const next = await publish(table, {
      items: catalogue('f', 2),
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    const versions = await listVersions(table);
    expect(versions.every((v) => v.status === 'complete')).toBe(true);
    expect(versions.every((v) => v.version <= next.version)).toBe(true);
  });

  it(`keeps at least the last ${LIMITS.versionsKept} versions and prunes older ones`, async () => {
    for (let i = 0; i < LIMITS.versionsKept + 2; i++) {
      await publish(table, { items: catalogue(`p${i}`, 2), publishedBy: 'test', source: 'upload', counts });
    }
    const versions = await listVersions(table);
    expect(versions.length).toBeGreaterThanOrEqual(LIMITS.versionsKept);
    expect(versions.length).toBeLessThanOrEqual(LIMITS.versionsKept + 1);
    expect(versions[0]!.version).toBe((await readPointer(table))!.version);
  });

  it('refuses a publish based on a live version that has since changed', async () => {
    const live = (await readPointer(table))!;
    await expect(
      publish(table, {
        items: catalogue('g', 1),
        publishedBy: 'test',
        source: 'upload',
        counts,
        expectedLiveVersion: live.version - 1,
      }),
    ).rejects.toBeInstanceOf(PublishConflictError);
    expect(await readPointer(table)).toEqual(live);
  });

  it('writes the snapshot as ASCII-only JSON that reads back every script exactly; UTF-8 snapshots still read', async () => {
    const texts = {
      sv: 'Samhällsorientering på lättare svenska – ÅÄÖ',
      ar: 'التوجيه المجتمعي',
      fa: 'آشنایی با جامعه',
      ti: 'ምኽሪ ስራሕ',
      en: 'Emoji 🙂 and a quote " and a backslash \\',
    };
    const item = makeIntervention('ascii-1', { title: texts, summary: texts });
    const record = await publish(table, { items: [item], publishedBy: 'test', source: 'upload', counts });
    const chunks = (await rowsOfVersion(record.version)).filter((row) => String(row.sk).startsWith('S#'));
    const raw = gunzipSync(Buffer.concat(chunks.map((row) => Buffer.from(row.data as Uint8Array))));
    expect(raw.every((byte) => byte < 0x80)).toBe(true);
    expect(raw.toString('latin1')).toContain('\\u0627'); // ا, escaped
    expect(await readSnapshot(table, record.version)).toEqual([item]);

    // A snapshot written before the ASCII encoding: raw UTF-8 JSON.
    const legacy = gzipSync(Buffer.from(JSON.stringify([item]), 'utf8'));
    expect(legacy.length).toBeLessThan(SNAPSHOT_CHUNK_BYTES);
    await documentClient().send(
      new PutCommand({ TableName: table, Item: { pk: versionPk(999_999), sk: 'S#0000', data: legacy } }),
    );
    expect(await readSnapshot(table, 999_999)).toEqual([item]);
  });
});

describe('the search index stored with each version', () => {
  const searchIds = async (q: string) => {
    const federation = new Federation();
    const { indexes } = await federation.current([region]);
    return searchFederated(indexes, { q }).results.map((hit) => hit.id);
  };
  const putIndexChunk = (version: number, data: Uint8Array) =>
    documentClient().send(
      new PutCommand({ TableName: table, Item: { pk: versionPk(version), sk: 'X#0000', data } }),
    );

  it('a publish stores the index of its snapshot, and a search instance reads it instead of building one', async () => {
    const items = catalogue('idx', 30);
    const record = await publish(table, { items, publishedBy: 'test', source: 'upload', counts });
    expect(record.searchIndexChunks).toBe(1);
    const stored = await readSearchSnapshot(table, record.version);
    expect(stored.items).toEqual(items);
    expect(decodeRegionIndex(stored.searchIndex!, region.id, record.version, stored.items)).toStrictEqual(
      buildRegionIndex(region.id, record.version, items),
    );
    // Proof that search uses the stored index: store one in which item 7 is about bicycles.
    const bicycles = items.map((item, i) =>
      i === 7 ? { ...item, title: { sv: 'Cykelkurs för vuxna' } } : item,
    );
    await putIndexChunk(record.version, gzipSync(searchIndexBytes(bicycles)));
    expect(await searchIds('cykelkurs')).toEqual([items[7]!.id]);
  });

  it('a version without one (published before it) or with one that cannot be read is indexed from its items', async () => {
    const items = [makeIntervention('plain-1', { title: { sv: 'Simskola för vuxna' } })];
    const record = await publish(table, { items, publishedBy: 'test', source: 'upload', counts });
    await documentClient().send(
      new DeleteCommand({ TableName: table, Key: { pk: versionPk(record.version), sk: 'X#0000' } }),
    );
    expect((await readSearchSnapshot(table, record.version)).searchIndex).toBeNull();
    expect(await searchIds('simskola')).toEqual(['plain-1']);

    await putIndexChunk(record.version, Buffer.from('not gzip at all'));
    expect(await readSearchSnapshot(table, record.version)).toEqual({ items, searchIndex: null });
    expect(await searchIds('simskola')).toEqual(['plain-1']);

    // Readable, but of another engine's format: built from the items too.
    const other = searchIndexBytes(items);
    other.writeUInt32LE(INDEX_FORMAT + 1, 4);
    await putIndexChunk(record.version, gzipSync(other));
    expect(await searchIds('simskola')).toEqual(['plain-1']);
  });
});

describe('a new version goes live in search once its answers are warmed (beforeSwap)', () => {
  const versionsOf = (indexes: readonly { regionId: string; version: number }[]) =>
    Object.fromEntries(indexes.map((index) => [index.regionId, index.version]));

  it('answers from the old index, whole, until beforeSwap resolves; swaps one region at a time; a cold region at once', async () => {
    const publishTo = (table: string, prefix: string) =>
      publish(table, { items: catalogue(prefix, 5), publishedBy: 'test', source: 'upload', counts });
    const a1 = await publishTo(swapRegion.tableName, 'a1');
    const b1 = await publishTo(other.tableName, 'b1');
    const prepared: { regionId: string; version: number }[] = [];
    const releases: (() => void)[] = [];
    const federation = new Federation({
      checkIntervalMs: 0,
      beforeSwap: (next) => {
        prepared.push({ regionId: next.regionId, version: next.version });
        return new Promise<void>((resolve) => releases.push(resolve));
      },
    });
    // Cold: both load at once, beforeSwap is not asked (nothing was searched yet).
    const cold = await federation.current([swapRegion, other]);
    expect(versionsOf(cold.indexes)).toEqual({ [swapRegion.id]: a1.version, [other.id]: b1.version });
    expect(prepared).toEqual([]);

    const a2 = await publishTo(swapRegion.tableName, 'a2');
    const b2 = await publishTo(other.tableName, 'b2');
    await federation.current([swapRegion, other]); // starts the checks in the background
    await vi.waitFor(() => expect(prepared).toHaveLength(1));
    // The first new version is being prepared: both regions still answer their old versions, whole.
    const during = await federation.current([swapRegion, other]);
    expect(versionsOf(during.indexes)).toEqual({ [swapRegion.id]: a1.version, [other.id]: b1.version });
    // One at a time: the second region's preparation starts only after the first swap.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(prepared).toHaveLength(1);
    releases[0]!();
    await vi.waitFor(() => expect(prepared).toHaveLength(2));
    const between = await federation.current([swapRegion, other]);
    const first = prepared[0]!;
    expect(between.indexes.find((index) => index.regionId === first.regionId)?.version).toBe(first.version);
    releases[1]!();
    await federation.settle();
    const after = await federation.current([swapRegion, other]);
    expect(versionsOf(after.indexes)).toEqual({ [swapRegion.id]: a2.version, [other.id]: b2.version });
  });

  it('a beforeSwap that fails still lets the new version go live', async () => {
    await publish(swapRegion.tableName, {
      items: catalogue('c1', 3),
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    const federation = new Federation({
      checkIntervalMs: 0,
      beforeSwap: () => Promise.reject(new Error('warming failed')),
    });
    await federation.current([swapRegion]);
    const next = await publish(swapRegion.tableName, {
      items: catalogue('c2', 3),
      publishedBy: 'test',
      source: 'upload',
      counts,
    });
    await federation.current([swapRegion]);
    await federation.settle();
    const { indexes } = await federation.current([swapRegion]);
    expect(indexes[0]?.version).toBe(next.version);
  });
});
