import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRequester,
  parseSearchAnswer,
  SearchRequestError,
  TYPING_DEBOUNCE_MS,
} from '../../site/src/lib/search-client.ts';

/** A fake API: records every request and its signal; answers when told to. */
function fakeApi() {
  const calls: { url: string; signal: AbortSignal; answer: (body: unknown, status?: number) => void }[] = [];
  const fetch = (url: string, init: { signal: AbortSignal }) =>
    new Promise<Response>((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({
        url,
        signal: init.signal,
        answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status })),
      });
    });
  return { fetch, calls };
}

function requester(api: ReturnType<typeof fakeApi>) {
  const results: string[] = [];
  const errors: SearchRequestError[] = [];
  const r = createRequester<{ n: number }>({
    fetch: api.fetch,
    parse: (body) => body as { n: number },
    onResult: (result, url) => results.push(`${url}=${result.n}`),
    onError: (error) => errors.push(error),
  });
  return { r, results, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('results as you type, without flooding the API', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one request when typing pauses, for the last text typed', () => {
    const api = fakeApi();
    const { r } = requester(api);
    for (const text of ['s', 'sv', 'sve', 'sven', 'svenska']) {
      r.debounced(`/api/search?q=${text}`);
      vi.advanceTimersByTime(TYPING_DEBOUNCE_MS - 50);
    }
    expect(api.calls).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(api.calls.map((c) => c.url)).toEqual(['/api/search?q=svenska']);
  });

  it('sends at once when asked (a chip, the search button), cancelling a pending typed request', () => {
    const api = fakeApi();
    const { r } = requester(api);
    r.debounced('/api/search?q=sv');
    r.now('/api/search?q=sv&municipality=0126');
    vi.advanceTimersByTime(TYPING_DEBOUNCE_MS * 2);
    expect(api.calls.map((c) => c.url)).toEqual(['/api/search?q=sv&municipality=0126']);
  });
});

describe('one request in flight', () => {
  it('aborts the previous request, and an old answer never overwrites a newer one', async () => {
    const api = fakeApi();
    const { r, results, errors } = requester(api);
    r.now('/a');
    r.now('/b');
    expect(api.calls[0]!.signal.aborted).toBe(true);
    expect(api.calls[1]!.signal.aborted).toBe(false);
    api.calls[1]!.answer({ n: 2 });
    await settle();
    expect(results).toEqual(['/b=2']);
    expect(errors).toEqual([]);
  });

  it('reports a failed request with its status, and a network error with its cause', async () => {
    const api = fakeApi();
    const { r, errors } = requester(api);
    r.now('/down');
    api.calls[0]!.answer({ error: {} }, 503);
    await settle();
    expect(errors[0]).toBeInstanceOf(SearchRequestError);
    expect(errors[0]!.status).toBe(503);

    const failing = createRequester({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      parse: (body) => body,
      onResult: () => {},
      onError: (error) => errors.push(error),
    });
    failing.now('/offline');
    await settle();
    expect(errors[1]!.cause).toBeInstanceOf(TypeError);
  });

  it('treats an answer it cannot read as an error', async () => {
    const api = fakeApi();
    const errors: SearchRequestError[] = [];
    createRequester({
      fetch: api.fetch,
      parse: parseSearchAnswer,
      onResult: () => {},
      onError: (error) => errors.push(error),
    }).now('/odd');
    api.calls[0]!.answer({ total: 'many' });
    await settle();
    expect(errors).toHaveLength(1);
  });

  it('cancel() aborts and reports nothing', async () => {
    const api = fakeApi();
    const { r, results, errors } = requester(api);
    r.now('/a');
    r.cancel();
    expect(api.calls[0]!.signal.aborted).toBe(true);
    await settle();
    expect([...results, ...errors]).toEqual([]);
  });
});

describe('parseSearchAnswer', () => {
  const facets = { category: {}, language: {}, municipality: {}, region: {}, audience: {}, delivery: {} };
  const result = {
    id: 'a',
    regionId: 'sodertorn',
    title: { sv: 'A' },
    category: 'sfi',
    municipalities: ['0126'],
    languages: [],
    audiences: ['all'],
    delivery: 'on-site',
    provider: { name: 'P', type: 'ngo' },
  };

  it('accepts the API shape', () => {
    const body = { total: 1, results: [result], facets, regions: {}, nextCursor: null };
    expect(parseSearchAnswer(body)).toBe(body);
  });

  it.each([
    ['no object', null],
    ['no facets', { total: 0, results: [], regions: {}, nextCursor: null }],
    [
      'a facet missing',
      { total: 0, results: [], facets: { ...facets, region: undefined }, regions: {}, nextCursor: null },
    ],
    [
      'a result without region',
      { total: 1, results: [{ ...result, regionId: 1 }], facets, regions: {}, nextCursor: null },
    ],
    ['a bad cursor', { total: 0, results: [], facets, regions: {}, nextCursor: 5 }],
  ])('refuses %s', (_, body) => {
    expect(() => parseSearchAnswer(body)).toThrow();
  });
});
