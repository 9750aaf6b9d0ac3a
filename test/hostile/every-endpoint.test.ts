/**
 * Hostile input at every endpoint: for each route of the API, RUNS (10,000 in CI) generated requests —
 * hostile path parameters, query strings, headers, tokens and bodies — go through the portal's own
 * dispatch. Never a 5xx, never a hang, and a rejected request never changes the live data.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import {
  contentTypes,
  dispatcherFor,
  fingerprint,
  hostileBody,
  hostileString,
  RUNS,
  tokenArbitrary,
} from './support.ts';

let portal: Portal;
let dispatch: ReturnType<typeof dispatcherFor>;
/** Pending exchange requests Nordost made to Södertörn, so the decision routes meet real records too. */
const requestIds: string[] = [];

beforeAll(async () => {
  process.env.INSATS_LOG_LEVEL = 'silent';
  portal = await startPortal({ seedDemo: true, siteDir: '/nonexistent', rateLimit: false });
  dispatch = dispatcherFor(portal);
  for (let i = 0; i < 3; i++) {
    const asked = await dispatch({
      method: 'POST',
      path: '/api/exchange/requests',
      headers: {
        authorization: `Bearer ${portal.tokenFor(['nordost'])}`,
        'content-type': 'application/json',
      },
      body: Buffer.from(
        JSON.stringify({
          sellerRegionId: 'sodertorn',
          interventionId: 'haninge-arbetsplatsorientering-vard',
          buyerMunicipality: '0160',
          places: 1,
          fromDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        }),
      ),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    requestIds.push(JSON.parse(asked.body!).request.id);
  }
});
afterAll(async () => {
  await portal.close();
});

const QUERY_KEYS = [
  'q',
  'region',
  'municipality',
  'category',
  'language',
  'audience',
  'delivery',
  'free',
  'limit',
  'cursor',
  'lang',
  'dryRun',
  'confirmRemovals',
  'format',
  'county',
  'days',
  'table',
  'direction',
  'fileName',
  'defaultCategory',
  'openToOtherMunicipalities',
  '__proto__',
  'constructor',
];

const paramValue = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'sodertorn',
        'nordost',
        'goteborgsregionen',
        'sodertorn-sfi-kvall',
        ...requestIds,
      ),
    },
    { weight: 5, arbitrary: hostileString },
  );

function request(route: (typeof ROUTES)[number]) {
  return fc.record({
    params: fc.dictionary(fc.constantFrom('regionId', 'id', 'requestId'), paramValue()),
    query: fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileString), hostileString, {
      maxKeys: 5,
    }),
    token: tokenArbitrary(portal),
    contentType: contentTypes,
    acceptLanguage: fc.oneof(fc.constant(undefined), hostileString),
    body: hostileBody,
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
    ),
  });
}

type Messages = { sv?: string; en?: string };
/** A 4xx says what is wrong in Swedish and English: the error shape, or a rejected upload's report. */
function explainsItself(body: string | undefined): boolean {
  const parsed = JSON.parse(body ?? '{}') as {
    error?: { code?: string; messages?: Messages };
    status?: string;
    errors?: { code?: string; messages?: Messages }[];
  };
  if (parsed.error)
    return Boolean(parsed.error.code && parsed.error.messages?.sv && parsed.error.messages.en);
  return (
    parsed.status === 'rejected' &&
    Array.isArray(parsed.errors) &&
    parsed.errors.length > 0 &&
    parsed.errors.every((e) => e.code && e.messages?.sv && e.messages.en)
  );
}

function pathFor(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name] ?? 'sodertorn';
    try {
      return encodeURIComponent(value);
    } catch {
      return 'x';
    }
  });
}

describe(`every endpoint under hostile input (${RUNS} cases each)`, () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: never 5xx, never a hang, rejected requests change nothing`, async () => {
      const before = await fingerprint(portal);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(request(route), async (r) => {
          const query = new URLSearchParams();
          for (const [k, v] of Object.entries(r.query)) query.append(k, v);
          const path = `${pathFor(route.path, r.params)}${query.size ? `?${query}` : ''}`;
          const headers: Record<string, string> = { 'content-type': r.contentType };
          if (r.token) headers.authorization = r.token;
          if (r.acceptLanguage) headers['accept-language'] = r.acceptLanguage;
          const result = await dispatch({
            method: r.method,
            path,
            headers,
            body: r.method === 'GET' ? undefined : r.body,
          });
          expect(result.statusCode, `${r.method} ${path}`).toBeLessThan(500);
          if (result.statusCode >= 400) expect(explainsItself(result.body)).toBe(true);
          else if (r.method !== 'GET') accepted++;
        }),
        { numRuns: RUNS },
      );
      if (accepted === 0 && route.method !== 'GET') expect(await fingerprint(portal)).toEqual(before);
    }, 900_000);
  }
});
