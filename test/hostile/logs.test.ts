/**
 * Structured logs carry no personal data: whatever a request sends (an address in X-Forwarded-For, a
 * user agent, a personnummer or an e-mail in the query, a token), nothing of it appears in what the
 * server logs — for answers that succeed, that fail validation, and that fail in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putRegions } from '../../functions/registry/store.ts';
import { type Portal, startPortal } from '../../local/server.ts';

let portal: Portal;
const logged: string[] = [];
const writes = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};

const SECRETS = {
  ip: '203.0.113.77',
  userAgent: 'Mozilla/5.0 (Linux; Android 9; SM-J530F) Personlig-Telefon',
  personnummer: '19850315-1234',
  email: 'amina.h@example.se',
  query: 'hiv-mottagning för amina',
};

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, siteDir: '/nonexistent', rateLimit: false });
  process.env.INSATS_LOG_LEVEL = 'debug';
  const capture = (chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
});
afterAll(async () => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
  process.env.INSATS_LOG_LEVEL = 'silent';
  await portal.close();
});

describe('what a request logs', () => {
  it('holds no address, user agent, token or query text, even when requests fail', async () => {
    const token = portal.tokenFor(['sodertorn']);
    const headers = {
      'x-forwarded-for': SECRETS.ip,
      'cloudfront-viewer-address': `${SECRETS.ip}:443`,
      'user-agent': SECRETS.userAgent,
      authorization: `Bearer ${token}`,
    };
    const q = encodeURIComponent(`${SECRETS.query} ${SECRETS.personnummer} ${SECRETS.email}`);
    await fetch(`${portal.url}/api/search?q=${q}`, { headers });
    await fetch(`${portal.url}/api/search?q=${q}&category=nonsense`, { headers });
    await fetch(`${portal.url}/api/regions/sodertorn/interventions?cursor=${q}`, { headers });
    await fetch(
      `${portal.url}/api/admin/regions/sodertorn/catalogue?fileName=${encodeURIComponent(SECRETS.email)}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: `id;titel\r\n${SECRETS.personnummer};${SECRETS.email}\r\n`,
      },
    );
    // A store failure is logged (as an error with its cause), still without anything of the caller.
    const sodertorn = portal.regions.find((r) => r.id === 'sodertorn')!;
    await putRegions([{ ...sodertorn, tableName: 'missing-table-for-log-test' }]);
    const { clearRegistryCache } = await import('../../functions/registry/store.ts');
    clearRegistryCache();
    const failed = await fetch(`${portal.url}/api/regions/sodertorn/interventions?q=${q}`, { headers });
    expect(failed.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const text = logged.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).toMatch(/"level":"error"/);
    for (const [what, secret] of Object.entries({ ...SECRETS, token })) {
      expect(text.includes(secret), what).toBe(false);
    }
    expect(text).not.toMatch(/203\.0\.113|Android|19850315|amina/i);
    for (const line of logged.filter((l) => l.startsWith('{'))) expect(() => JSON.parse(line)).not.toThrow();
  });
});
