import { describe, expect, it } from 'vitest';
import { AdminApiError, createAdminApi } from '../../../site/src/lib/admin/client.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer(url, init);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the admin API client', () => {
  it('sends the bearer token and the page language to admin routes, JSON bodies with their type', async () => {
    const { fetch, calls } = fakeFetch(() =>
      json(200, { regionId: 'sodertorn', status: 'published', version: 5, restoredFrom: 2 }),
    );
    const api = createAdminApi({ token: 'T', lang: 'en', fetch });
    await api.rollback('sodertorn', 2);
    const { url, init } = calls[0]!;
    expect(url).toBe('/api/admin/regions/sodertorn/catalogue/rollback');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"version":2}');
    expect(init?.headers).toMatchObject({
      authorization: 'Bearer T',
      'accept-language': 'en',
      'content-type': 'application/json',
    });
  });

  it('confirms reviewed for all items or one municipality, per item with a PATCH', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.includes('/interventions/')
        ? json(200, { regionId: 'r', status: 'published', version: 3, item: {}, warnings: [] })
        : json(200, { regionId: 'r', status: 'published', version: 2, confirmed: 4, unknownIds: [] }),
    );
    const api = createAdminApi({ token: 'T', lang: 'sv', fetch });
    await api.review('r', {});
    await api.review('r', { municipality: '0126' });
    await api.editItem('r', 'a b', { confirmReviewed: true });
    expect(calls.map((c) => [c.init?.method, c.url, c.init?.body])).toEqual([
      ['POST', '/api/admin/regions/r/catalogue/review', '{}'],
      ['POST', '/api/admin/regions/r/catalogue/review', '{"municipality":"0126"}'],
      ['PATCH', '/api/admin/regions/r/interventions/a%20b', '{"confirmReviewed":true}'],
    ]);
  });

  it('returns a 422 edit as a rejection to show next to the fields', async () => {
    const rejection = {
      status: 'rejected',
      version: null,
      errors: [{ row: 1, column: 'contact.email' }],
      warnings: [],
    };
    const { fetch } = fakeFetch(() => json(422, rejection));
    const answer = await createAdminApi({ token: 'T', lang: 'sv', fetch }).editItem('r', 'x', {
      contact: { email: 'no' },
    });
    expect(answer).toEqual({ ok: false, rejection });
  });

  it('throws explained failures: 401 means sign in again; no answer means the network', async () => {
    const unauthorized = fakeFetch(() =>
      json(401, {
        error: { code: 'unauthorized', message: 'Logga in.', messages: { sv: 'Logga in.', en: 'Sign in.' } },
      }),
    );
    const error = await createAdminApi({ token: 'T', lang: 'en', fetch: unauthorized.fetch })
      .versions('r')
      .catch((e) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error.failure).toMatchObject({ kind: 'sign-in', status: 401, message: 'Sign in.' });

    const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const network = await createAdminApi({ token: 'T', lang: 'sv', fetch: offline.fetch })
      .versions('r')
      .catch((e) => e);
    expect(network.failure.kind).toBe('network');
  });

  it('reads every page of the published catalogue without the token', async () => {
    const { fetch, calls } = fakeFetch((url) => {
      const cursor = new URL(url, 'http://x').searchParams.get('cursor');
      return json(
        200,
        cursor ? { items: [{ id: 'b' }], nextCursor: null } : { items: [{ id: 'a' }], nextCursor: 'n/1' },
      );
    });
    const items = await createAdminApi({ token: 'T', lang: 'sv', fetch }).items('sodertorn');
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/regions/sodertorn/interventions?limit=100',
      '/api/regions/sodertorn/interventions?limit=100&cursor=n%2F1',
    ]);
    expect(calls[0]!.init?.headers).not.toHaveProperty('authorization');
  });

  it('downloads an export as a Blob named by the API', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response('id;titel\r\n', {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="insatser-r-v3.csv"' },
        }),
    );
    const file = await createAdminApi({ token: 'T', lang: 'sv', fetch }).exportFile('r', 'csv');
    expect(file.fileName).toBe('insatser-r-v3.csv');
    expect(await file.blob.text()).toBe('id;titel\r\n');
  });
});
