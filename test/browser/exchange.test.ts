/**
 * The market (/admin/marknad/) and review (/admin/granskning/) pages in a real browser: a buyer searches
 * offers and asks for places (a personnummer in the message is stopped before sending, and the request
 * goes out without it), the seller accepts and the free places go down, the seller declines and the
 * buyer withdraws (each decision at the deciding region's own path), the review page edits owners,
 * confirms one item and all unchanged of a municipality — and axe (WCAG 2.2 AA) finds nothing in each
 * state. Both pages reuse the administration page's sign-in (its token in sessionStorage).
 *
 * The site must be built first (`npm test` builds site/dist; INSATS_TEST_SITE_DIR points at a private build).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from '../../local/server.ts';
import { t } from '../../site/src/i18n/exchange/t.ts';
import {
  axeViolations,
  describeViolations,
  inlineScripts,
  islandsHydrated,
  launchBrowser,
  newContext,
  type PageProblems,
  TEST_SITE_DIR,
  watchPage,
} from '../support/browser.ts';

const TOKEN_KEY = 'insatsportalen.admin.token';
const sv = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>) => t('sv', key, vars);

let portal: Portal;
let browser: Browser;
const contexts: BrowserContext[] = [];
const watched: PageProblems[] = [];

/** A browser context whose tab already holds the administration page's sign-in for these regions. */
async function signedIn(regions: string[], name: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  contexts.push(context);
  if (regions.length) {
    const token = portal.tokenFor(regions, name);
    await context.addInitScript(
      `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});`,
    );
  }
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  // 4xx answers from the API are part of the tests (a refused personnummer is never sent, though).
  watched.push(watchPage(page, { ignoreStatusFor: /\/api\// }));
  const response = await page.goto(`${portal.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await islandsHydrated(page);
  return page;
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${state}\n${describeViolations(violations)}`).toEqual([]);
  await expect(inlineScripts(page)).resolves.toEqual([]);
}

async function api<T>(
  path: string,
  regions: string[],
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${portal.url}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      authorization: `Bearer ${portal.tokenFor(regions, 'Test')}`,
      'content-type': 'application/json',
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  expect(response.status, path).toBeLessThan(300);
  return (await response.json()) as T;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

beforeAll(async () => {
  if (!existsSync(join(TEST_SITE_DIR, 'admin', 'marknad', 'index.html'))) {
    throw new Error(
      `The site is not built at ${TEST_SITE_DIR}: run \`npm run build:site\` (or \`npm test\`).`,
    );
  }
  portal = await startPortal({ port: 0, seedDemo: true, siteDir: TEST_SITE_DIR });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await portal?.close();
  for (const problems of watched) {
    expect(problems.exceptions, 'uncaught exceptions').toEqual([]);
    expect(
      problems.console.filter((m) => !/status of 4\d\d/.test(m)),
      'console errors',
    ).toEqual([]);
  }
});

describe('signed out', () => {
  it.each(['/admin/marknad/', '/admin/granskning/'])(
    '%s points to the sign-in; no axe violations',
    async (path) => {
      const page = await open(await signedIn([], ''), path);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
      await page.locator('main a[href="/admin/"]', { hasText: sv('session.signInLink') }).waitFor();
      await expect(page.locator('main').textContent()).resolves.toContain(sv('session.none'));
      await expectAccessible(page, `${path} signed out`);
      await page.close();
    },
  );
});

describe('the market', () => {
  let buyer: Page;
  const OFFER = 'offer-sodertorn-haninge-arbetsplatsorientering-vard';

  beforeAll(async () => {
    buyer = await open(await signedIn(['nordost'], 'Nils Köpare'), '/admin/marknad/');
  });

  it('lists what other regions sell, same county first, with price, free places and their date', async () => {
    await buyer.locator(`#${OFFER}-title`).waitFor();
    await expect(buyer.locator('h1').textContent()).resolves.toBe(sv('market.title'));
    const offered = await buyer.locator('.exchange-card h3').allTextContents();
    expect(offered.length).toBe(7);
    const regions = await buyer.locator('.exchange-card dl div:first-child dd').allTextContents();
    expect(regions.slice(0, 3).every((r) => r === 'Etablering Södertörn')).toBe(true);
    const card = buyer.locator(`article[aria-labelledby="${OFFER}-title"]`);
    // Swedish number format: a no-break space between the thousands.
    await expect(card.textContent()).resolves.toContain('6\u00a0500 kr per månad');
    await expect(card.textContent()).resolves.toContain(sv('market.offer.distance.same-county'));
    await expectAccessible(buyer, 'market with offers');
  });

  it('searches with the search engine', async () => {
    await buyer.getByLabel(sv('market.search.q')).fill('akademiker');
    await buyer.getByRole('button', { name: sv('market.search.submit') }).click();
    await buyer
      .locator('#market-results-status', { hasText: sv('market.results.count', { count: 2 }) })
      .waitFor();
    await buyer.getByLabel(sv('market.search.q')).fill('');
    await buyer.getByRole('button', { name: sv('market.search.submit') }).click();
    await buyer
      .locator('#market-results-status', { hasText: sv('market.results.count', { count: 7 }) })
      .waitFor();
  });

  it('the request form says "no personal data" and stops a personnummer before anything is sent', async () => {
    const requests: string[] = [];
    buyer.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/exchange/requests'))
        requests.push(r.postData() ?? '');
    });
    await buyer.locator(`#${OFFER}-ask`).click();
    await expect.poll(() => focusedId(buyer)).toBe(`${OFFER}-buyer`);
    await expect(buyer.locator(`#${OFFER}-privacy`).textContent()).resolves.toBe(sv('request.privacy'));
    await expectAccessible(buyer, 'request form open');

    await buyer.locator(`#${OFFER}-places`).fill('2');
    await buyer.locator(`#${OFFER}-message`).fill('Gäller eleven 850709-1234, kan börja i januari.');
    await buyer.getByRole('button', { name: sv('request.send') }).click();
    await buyer.locator(`#${OFFER}-message-error`, { hasText: sv('request.error.personnummer') }).waitFor();
    await expect.poll(() => focusedId(buyer)).toBe(`${OFFER}-message`);
    await expect(buyer.locator(`#${OFFER}-message`).getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(buyer, 'request form with an error');
    expect(requests).toEqual([]);

    await buyer.locator(`#${OFFER}-message`).fill('Två deltagare kan börja i januari. Ring 070-123 45 67.');
    await buyer.getByRole('button', { name: sv('request.send') }).click();
    await buyer.locator('#market-status', { hasText: 'Förfrågan om 2 platser' }).waitFor();
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!)).toMatchObject({
      sellerRegionId: 'sodertorn',
      places: 2,
      buyerMunicipality: expect.any(String),
    });
    await buyer.locator('#requests-outgoing-title').waitFor();
    await buyer
      .locator('.exchange-card', { hasText: sv('requests.status.pending') })
      .first()
      .waitFor();
    await expectAccessible(buyer, 'request sent, outgoing list');
  });

  it('the seller accepts; the free places go down; both sides see the history', async () => {
    const seller = await open(await signedIn(['sodertorn'], 'Sara Säljare'), '/admin/marknad/');
    const incoming = seller
      .locator('section[aria-labelledby="requests-incoming-title"] .exchange-card')
      .first();
    await incoming.waitFor();
    await expect(incoming.textContent()).resolves.toContain('Nils Köpare');
    await expectAccessible(seller, 'seller with an incoming request');
    // The decision goes to the seller's own region path (in AWS: the region's own function).
    const decision = seller.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/accept'));
    await incoming.getByRole('button', { name: sv('requests.accept') }).click();
    expect(new URL((await decision).url()).pathname).toMatch(
      /^\/api\/admin\/regions\/sodertorn\/exchange\/requests\/[0-9a-f-]{36}\/accept$/,
    );
    await seller.locator('#market-status', { hasText: sv('requests.accepted', { places: 2 }) }).waitFor();
    const places = await api<{ places: { placesAvailable: number } }>(
      '/api/admin/regions/sodertorn/interventions/haninge-arbetsplatsorientering-vard/places',
      ['sodertorn'],
    );
    expect(places.places.placesAvailable).toBe(2);
    await seller
      .locator('.exchange-card', { hasText: sv('requests.status.accepted') })
      .first()
      .waitFor();
    await expectAccessible(seller, 'seller after accepting');

    await buyer.reload({ waitUntil: 'load' });
    await islandsHydrated(buyer);
    const mine = buyer.locator('section[aria-labelledby="requests-outgoing-title"] .exchange-card').first();
    await mine.locator('.exchange-history li', { hasText: 'Sara Säljare' }).waitFor();
    await seller.close();
  });

  it('the seller declines with a reason (required)', async () => {
    await api('/api/exchange/requests', ['nordost'], {
      body: {
        sellerRegionId: 'sodertorn',
        interventionId: 'sodertorn-samhallsorientering',
        buyerMunicipality: '0160',
        places: 1,
        fromDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    const seller = await open(await signedIn(['sodertorn'], 'Sara Säljare'), '/admin/marknad/');
    const card = seller
      .locator('section[aria-labelledby="requests-incoming-title"] .exchange-card', {
        hasText: sv('requests.status.pending'),
      })
      .first();
    await card.getByRole('button', { name: sv('requests.decline') }).click();
    await card.getByRole('button', { name: sv('requests.declineSend') }).click();
    await card.locator('.admin-field-error', { hasText: sv('requests.error.reason') }).waitFor();
    await expectAccessible(seller, 'decline form with an error');
    await card.getByLabel(sv('requests.declineReason')).fill('Fullt till februari.');
    const decision = seller.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/decline'));
    await card.getByRole('button', { name: sv('requests.declineSend') }).click();
    expect(new URL((await decision).url()).pathname).toMatch(
      /^\/api\/admin\/regions\/sodertorn\/exchange\/requests\/[0-9a-f-]{36}\/decline$/,
    );
    await seller.locator('#market-status', { hasText: sv('requests.declined') }).waitFor();
    await seller.close();
  });

  it("the buyer withdraws an own pending request, at the buyer's region path", async () => {
    const { request } = await api<{ request: { id: string } }>('/api/exchange/requests', ['nordost'], {
      body: {
        sellerRegionId: 'sodertorn',
        interventionId: 'sodertorn-samhallsorientering',
        buyerMunicipality: '0160',
        places: 1,
        fromDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    const page = await open(await signedIn(['nordost'], 'Nils Köpare'), '/admin/marknad/');
    const card = page.locator(`article[aria-labelledby="request-${request.id}-title"]`);
    await card.waitFor();
    const decision = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/withdraw'));
    await card.getByRole('button', { name: sv('requests.withdraw') }).click();
    expect(new URL((await decision).url()).pathname).toBe(
      `/api/admin/regions/nordost/exchange/requests/${request.id}/withdraw`,
    );
    await page.locator('#market-status', { hasText: sv('requests.withdrawn') }).waitFor();
    const seen = await api<{ request: { status: string } }>(`/api/exchange/requests/${request.id}`, [
      'nordost',
    ]);
    expect(seen.request.status).toBe('withdrawn');
    await page.close();
  });
});

describe('the review page', () => {
  let page: Page;
  let firstDue: { id: string; title: string; municipalities: string[] };

  beforeAll(async () => {
    const due = await api<{ items: { id: string; title: string; municipalities: string[] }[] }>(
      '/api/admin/regions/sodertorn/review/due',
      ['sodertorn'],
    );
    // The demo catalogue has items last confirmed in the spring: there is always something due.
    expect(due.items.length).toBeGreaterThan(0);
    firstDue = due.items[0]!;
    page = await open(
      await signedIn(['sodertorn'], 'Sara Samordnare'),
      `/admin/granskning/?region=sodertorn#granska-${firstDue.id}`,
    );
  });

  it('lists due items with "not confirmed since", and the e-mail link brings its item into focus', async () => {
    await page.locator(`#granska-${firstDue.id}`).waitFor();
    await expect.poll(() => focusedId(page)).toBe(`granska-${firstDue.id}`);
    await expect(page.locator(`#granska-${firstDue.id}`).textContent()).resolves.toMatch(
      /Inte bekräftad sedan \d{4}-\d{2}-\d{2}/,
    );
    await expectAccessible(page, 'review page with due items');
  });

  it('names an owner and saves; the due list shows whose items they are', async () => {
    await page.getByRole('button', { name: sv('review.owners.add') }).click();
    await expect.poll(() => focusedId(page)).toMatch(/^owner-\d+-name$/);
    await page.getByRole('button', { name: sv('review.owners.save') }).click();
    await page.locator('.admin-field-error', { hasText: sv('review.owners.error.name') }).waitFor();
    await expectAccessible(page, 'owners form with errors');
    const fieldset = page.locator('fieldset.exchange-owner').first();
    await fieldset.getByLabel(sv('review.owners.name')).fill('Kim Koordinator');
    await fieldset.getByLabel(sv('review.owners.email')).fill('kim@sodertorn.se');
    await page.getByRole('button', { name: sv('review.owners.save') }).click();
    await page.locator('#review-status', { hasText: sv('review.owners.saved') }).waitFor();
    await page.locator(`#granska-${firstDue.id}`, { hasText: 'Kim Koordinator' }).waitFor();
    const saved = await api<{ owners: { email: string }[] }>('/api/admin/regions/sodertorn/review/owners', [
      'sodertorn',
    ]);
    expect(saved.owners.map((o) => o.email)).toEqual(['kim@sodertorn.se']);
    await expectAccessible(page, 'owners saved');
  });

  it('confirms one item with one click', async () => {
    await page.getByRole('button', { name: sv('review.due.confirm', { title: firstDue.title }) }).click();
    await page
      .locator('#review-status', { hasText: sv('review.due.confirmed', { title: firstDue.title }) })
      .waitFor();
    await page.locator(`#granska-${firstDue.id}`).waitFor({ state: 'detached' });
  });

  it('confirms all unchanged of a municipality, after a question', async () => {
    const due = await api<{ items: { municipalities: string[] }[] }>(
      '/api/admin/regions/sodertorn/review/due',
      ['sodertorn'],
    );
    const code = due.items[0]?.municipalities.find((m) =>
      ['0126', '0136', '0192', '0128', '0138', '0120'].includes(m),
    );
    if (!code) return; // nothing left to confirm in the region's own municipalities
    await page.getByLabel(sv('review.due.municipality')).selectOption(code);
    await page.getByRole('button', { name: /^Bekräfta alla oförändrade i / }).click();
    await expectAccessible(page, 'confirm-all question');
    await page.getByRole('button', { name: sv('review.due.confirmAllYes') }).click();
    await page.locator('#review-status', { hasText: /insatser i .* är bekräftade\./ }).waitFor();
    await page.locator('main', { hasText: sv('review.due.none') }).waitFor();
    const after = await api<{ items: { municipalities: string[] }[] }>(
      `/api/admin/regions/sodertorn/review/due?municipality=${code}`,
      ['sodertorn'],
    );
    expect(after.items).toEqual([]);
    await expectAccessible(page, 'after confirming a municipality');
  });

  it("another region's administrator sees only their own region", async () => {
    const other = await open(await signedIn(['nordost'], 'Nora'), '/admin/granskning/?region=sodertorn');
    await other.locator('#review-due-title').waitFor();
    await expect(other.locator('#review-region').count()).resolves.toBe(0);
    await expect(other.locator('.admin-hint').first().textContent()).resolves.toContain('Storsthlm Nordost');
    await other.close();
  });
});
