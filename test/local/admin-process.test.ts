/**
 * The local server's admin routes in a process of their own (`adminProcess`, as the load test runs it):
 * the same dispatcher answers there — uploads publish, tokens are checked, errors keep their shape —
 * and public reads see what that process published.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from '../../local/server.ts';
import { makeIntervention, testRegion } from '../support/embedded.ts';

const region = testRegion('worker', ['0126']);
const neighbour = testRegion('worker-neighbour', ['0138']);
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal({
    seedDemo: false,
    siteDir: '/nonexistent',
    rateLimit: false,
    adminProcess: true,
    regions: [region, neighbour],
  });
});
afterAll(async () => {
  await portal.close();
});

const upload = (token: string | undefined, body: unknown, regionId = region.id) =>
  fetch(`${portal.url}/api/admin/regions/${regionId}/catalogue`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

describe('admin routes in their own process', () => {
  it('an upload publishes, and the public listing (in the server process) shows it', async () => {
    const items = [
      makeIntervention('sfi-a', { title: { sv: 'SFI kvällstid' } }),
      makeIntervention('praktik-b'),
    ];
    const response = await upload(portal.tokenFor([region.id]), items);
    expect(response.status).toBe(200);
    const published = (await response.json()) as { status: string; version: number };
    expect(published.status).toBe('published');
    const listing = await fetch(`${portal.url}/api/regions/${region.id}/interventions`, {
      headers: { 'cache-control': 'no-cache' },
    });
    const page = (await listing.json()) as { version: number; items: { id: string }[] };
    expect(page.version).toBe(published.version);
    expect(page.items.map((item) => item.id).sort()).toEqual(['praktik-b', 'sfi-a']);
  });

  it('refuses a missing or wrong token (401) and another region’s token (403), in the error shape', async () => {
    const before = await (
      await fetch(`${portal.url}/api/admin/regions/${region.id}/versions`, {
        headers: { authorization: `Bearer ${portal.tokenFor([region.id])}` },
      })
    ).json();
    const none = await upload(undefined, [makeIntervention('x')]);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await upload('not-a-token', [makeIntervention('x')])).status).toBe(401);
    const other = await upload(portal.tokenFor([neighbour.id]), [makeIntervention('x')]);
    expect(other.status).toBe(403);
    const after = await (
      await fetch(`${portal.url}/api/admin/regions/${region.id}/versions`, {
        headers: { authorization: `Bearer ${portal.tokenFor([region.id])}` },
      })
    ).json();
    expect(after).toEqual(before);
  });

  it('a rejected upload answers 4xx with its report, from that process', async () => {
    const response = await upload(portal.tokenFor([region.id]), [{ id: 'utan-titel' }]);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: unknown[] };
    expect(body.errors.length).toBeGreaterThan(0);
  });

  it('runs in a child process of the server whose every thread has the lowest CPU priority', () => {
    // Linux: /proc/<pid>/stat holds the parent's pid (4th field) and each thread's nice value (19th).
    const fieldsOf = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const admin = readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .filter((pid) => {
        try {
          return (
            Number(fieldsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'))[1]) === process.pid &&
            readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('admin-process.ts')
          );
        } catch {
          return false; // a process that ended while we looked
        }
      });
    expect(admin).toHaveLength(1);
    const nice = readdirSync(`/proc/${admin[0]}/task`).map((tid) =>
      Number(fieldsOf(readFileSync(`/proc/${admin[0]}/task/${tid}/stat`, 'utf8'))[16]),
    );
    expect(nice.length).toBeGreaterThan(1); // V8's and libuv's helper threads too
    expect(new Set(nice)).toEqual(new Set([19]));
  });
});
