/**
 * The coverage page in a real browser: every portal language (sv and the RTL ones included), axe WCAG
 * 2.2 AA with the island hydrated and without JavaScript, the map and chart text alternatives, the
 * numbers in the table equal to the API's, choosing a county and a language, figures newer than the
 * build (newcomers uploaded, searches counted and places exchanged after the site was built: the exchange
 * table with "fewer than 5" for a withheld count, its empty state), CSV downloads, no inline scripts. Needs the built site (`npm run build:site`; `npm test` does it); INSATS_TEST_SITE_DIR points
 * it at another build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { flushDemand } from '../../functions/statistics/demand-recorder.ts';
import { DEFAULT_SITE_DIR, type Portal, startPortal } from '../../local/server.ts';
import type { CoverageResponse } from '../../shared/coverage.ts';
import { municipalitiesInCounty } from '../../shared/geo.ts';
import { textDirection, UI_LANGUAGE_TAG, UI_LANGUAGES, type UiLanguage } from '../../shared/languages.ts';
import { CATEGORIES } from '../../shared/taxonomy.ts';
import { COVERAGE_STRINGS, t } from '../../site/src/lib/coverage/i18n.ts';
import { percent, staleCell } from '../../site/src/lib/coverage/view.ts';
import { localizedPath } from '../../site/src/lib/paths.ts';
import {
  axeViolations,
  describeViolations,
  inlineScripts,
  islandsHydrated,
  launchBrowser,
  newContext,
  type PageProblems,
  watchPage,
} from '../support/browser.ts';

const SITE_DIR = process.env.INSATS_TEST_SITE_DIR ?? DEFAULT_SITE_DIR;
const STOCKHOLM = municipalitiesInCounty('01');
const VASTRA_GOTALAND = municipalitiesInCounty('14');

/** Places asked for between municipalities (Nordost buys from Södertörn, both in Stockholms län). */
const EXCHANGE = { requested: 2 + 1 + 3, accepted: 3 };

let portal: Portal;
let browser: Browser;
let context: BrowserContext;
const opened: { page: Page; problems: PageProblems }[] = [];

async function open(path: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  const problems = watchPage(page);
  opened.push({ page, problems });
  const response = await page.goto(`${portal.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  return page;
}

/** Hydrated, and the island's own fetch of current figures has answered. */
async function current(page: Page, county = '01'): Promise<void> {
  await islandsHydrated(page);
  await page.locator(`.cov[data-county="${county}"][data-state="updated"]`).waitFor({ timeout: 15_000 });
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${portal.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The municipality table as [name, first number] pairs. */
const tableRows = (page: Page) =>
  page
    .locator('.cov-grid table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-code'),
        Number(row.querySelector('td')?.textContent ?? Number.NaN),
      ]),
    );

/** Three requests for places in Södertörn's arbetsplatsorientering (county 01, category arbete); one of 3 accepted. */
async function exchangePlaces(): Promise<void> {
  const call = async (token: string, path: string, body: unknown) => {
    const response = await fetch(`${portal.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, text).toBeLessThan(300);
    return JSON.parse(text) as { request: { id: string } };
  };
  const buyer = portal.tokenFor(['nordost'], 'Nils Köpare');
  const seller = portal.tokenFor(['sodertorn'], 'Sara Säljare');
  const fromDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (const places of [2, 1, 3]) {
    const answer = await call(buyer, '/api/exchange/requests', {
      sellerRegionId: 'sodertorn',
      interventionId: 'haninge-arbetsplatsorientering-vard',
      buyerMunicipality: '0160',
      places,
      fromDate,
      message: 'Två deltagare passar.',
    });
    ids.push(answer.request.id);
  }
  await call(seller, `/api/admin/regions/sodertorn/exchange/requests/${ids[2]}/accept`, {});
}

/** The exchange table's rows as [category, cells…]. */
const exchangeTable = (page: Page) =>
  page
    .locator('.cov-exchange tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-category'),
        ...[...row.querySelectorAll('td')].map((td) => td.textContent),
      ]),
    );

beforeAll(async () => {
  if (!existsSync(join(SITE_DIR, 'tackning', 'index.html'))) {
    throw new Error(
      `The coverage page is not built in ${SITE_DIR}: run \`npm run build:site\` (or \`npm test\`, which builds it first).`,
    );
  }
  portal = await startPortal({ port: 0, seedDemo: true, siteDir: SITE_DIR });
  await exchangePlaces();
  browser = await launchBrowser();
  context = await newContext(browser);
});

afterEach(async () => {
  const done = opened.splice(0);
  for (const { page } of done) await page.close();
  for (const { problems } of done) {
    expect(problems.exceptions, 'uncaught exceptions').toEqual([]);
    expect(problems.console, 'console errors').toEqual([]);
    expect(problems.requests, 'failed requests').toEqual([]);
  }
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await portal?.close();
});

describe('the coverage page in every portal language', () => {
  it.each(UI_LANGUAGES.map((lang) => [lang] as const))(
    '%s: current figures, map and chart with text alternatives, no axe violations',
    async (lang: UiLanguage) => {
      const page = await open(localizedPath(lang, '/tackning/'));
      await current(page);
      const html = page.locator('html');
      await expect(html.getAttribute('lang')).resolves.toBe(UI_LANGUAGE_TAG[lang]);
      await expect(html.getAttribute('dir')).resolves.toBe(textDirection(lang));
      await expect(page.locator('h1').textContent()).resolves.toBe(t(lang, 'page.heading'));

      // The map: one image named by its title, one path per municipality of the county, each with a title.
      const map = page.locator('.cov-map svg');
      await expect(map.getAttribute('role')).resolves.toBe('img');
      const name = await map.evaluate((svg) =>
        (svg.getAttribute('aria-labelledby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
      expect(name).toContain('Stockholms län');
      expect(name).toContain(t(lang, 'map.desc'));
      await expect(map.locator('path').count()).resolves.toBe(STOCKHOLM.length);
      await expect(map.locator('path > title').count()).resolves.toBe(STOCKHOLM.length);
      // The legend is text, not colour alone.
      await expect(page.locator('.cov-legend li').first().textContent()).resolves.toBe(t(lang, 'map.zero'));

      // The freshness chart reads out every region's value.
      const chart = page.locator('.cov-chart svg');
      await expect(chart.getAttribute('role')).resolves.toBe('img');
      const desc = await chart.locator('desc').textContent();
      expect(desc).toContain('Etablering Södertörn');
      expect(desc).toContain('Storsthlm Nordost');

      // Stale items (hidden from search) per region, in the table and the chart's description.
      const regions = (await api<CoverageResponse>('/api/coverage?county=01')).regions;
      const strings = COVERAGE_STRINGS[lang];
      const staleColumn = await page
        .locator('table:has(tr[data-region]) thead th')
        .evaluateAll((ths, name) => ths.findIndex((th) => th.textContent === name), t(lang, 'regions.stale'));
      expect(staleColumn).toBeGreaterThan(0);
      for (const region of regions) {
        const cells = page.locator(`tr[data-region="${region.id}"] > *`);
        await expect(cells.nth(staleColumn).textContent()).resolves.toBe(staleCell(region, strings));
        expect(desc).toContain(
          t(lang, 'freshness.value', {
            region: region.name,
            reviewed: percent(strings, region.reviewed.share),
            stale: staleCell(region, strings),
          }),
        );
      }

      // The table has every municipality of the county.
      await expect(page.locator('.cov-grid table tbody tr').count()).resolves.toBe(STOCKHOLM.length);

      // The exchange between municipalities: a table with a caption; a count below 5 reads "fewer than 5".
      const exchange = page.locator('.cov-exchange[data-county="01"] table');
      await exchange.waitFor({ timeout: 15_000 });
      await expect(exchange.locator('caption').textContent()).resolves.toBe(
        t(lang, 'exchange.caption', { county: 'Stockholms län' }),
      );
      const fewer = t(lang, 'exchange.fewer', { k: 5 });
      await expect(exchangeTable(page)).resolves.toEqual([
        ['arbete', String(EXCHANGE.requested), fewer, String(EXCHANGE.requested), fewer],
      ]);
      await expect(exchange.locator('tbody th[scope="row"]').textContent()).resolves.toBe(
        CATEGORIES.find((c) => c.code === 'arbete')!.labels[lang],
      );

      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await expect(inlineScripts(page)).resolves.toEqual([]);
    },
  );

  it('without JavaScript: the build-time figures, a note saying so, and a CSV link for every county (axe)', async () => {
    // The page's own scripts are refused (axe itself is injected by the driver, not loaded by the page).
    const noJs = await newContext(browser);
    await noJs.route(/\/_astro\/.*\.js$/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
    );
    try {
      for (const lang of ['sv', 'ar'] as const) {
        const page = await open(localizedPath(lang, '/tackning/'), noJs);
        await expect(page.locator('astro-island[ssr]').count()).resolves.toBe(1);
        await expect(page.locator('.cov-note').textContent()).resolves.toContain('Stockholms län');
        await expect(page.locator('.cov-controls').count()).resolves.toBe(0);
        await expect(page.locator('.cov-grid table tbody tr').count()).resolves.toBe(STOCKHOLM.length);
        await expect(page.locator('.cov-map svg path').count()).resolves.toBe(STOCKHOLM.length);
        const links = await page
          .locator('.cov-all-counties a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(links).toHaveLength(21);
        expect(links).toContain(
          lang === 'sv' ? '/api/coverage?format=csv&county=14' : '/api/coverage?format=csv&county=14&lang=ar',
        );
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    } finally {
      await noJs.close();
    }
  });
});

describe('choosing what the map and table show', () => {
  it('the table has the API numbers; another county and a language fetch new figures', async () => {
    const page = await open('/tackning/');
    await current(page);
    const answer = await api<CoverageResponse>('/api/coverage?county=01');
    const sfi = new Map(answer.municipalities.map((m) => [m.code, m.categories.sfi ?? 0]));
    for (const [code, value] of await tableRows(page))
      expect(value, String(code)).toBe(sfi.get(String(code)));
    // Each map path is shaded by the same number.
    const values = await page
      .locator('.cov-map path')
      .evaluateAll((paths) =>
        paths.map((p) => [p.getAttribute('data-code'), Number(p.getAttribute('data-value'))]),
      );
    for (const [code, value] of values) expect(value, String(code)).toBe(sfi.get(String(code)));

    await page.getByLabel(t('sv', 'controls.county'), { exact: true }).selectOption('14');
    await current(page, '14');
    await page
      .locator('.cov-map svg path')
      .nth(VASTRA_GOTALAND.length - 1)
      .waitFor();
    await expect(page.locator('.cov-map svg path').count()).resolves.toBe(VASTRA_GOTALAND.length);
    await expect(page.locator('.cov-grid table tbody tr').count()).resolves.toBe(VASTRA_GOTALAND.length);
    // No exchange in Västra Götaland: the empty state, no table.
    await page.locator('.cov-exchange[data-county="14"] .cov-exchange-none').waitFor();
    await expect(page.locator('.cov-exchange table').count()).resolves.toBe(0);
    await expect(page.locator('.cov-exchange-none').textContent()).resolves.toBe(
      t('sv', 'exchange.none', { county: 'Västra Götalands län' }),
    );

    await page.getByLabel(t('sv', 'controls.category'), { exact: true }).selectOption('');
    await page.getByLabel(t('sv', 'controls.language'), { exact: true }).selectOption('ar');
    await page.locator('.cov[data-county="14"][data-language="ar"][data-state="updated"]').waitFor();
    const arabic = await api<CoverageResponse>('/api/coverage?county=14&language=ar');
    const totals = new Map(arabic.municipalities.map((m) => [m.code, m.total]));
    for (const [code, value] of await tableRows(page))
      expect(value, String(code)).toBe(totals.get(String(code)));
    expect([...totals.values()].some((n) => n > 0)).toBe(true);

    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('always current: figures newer than the build', () => {
  it('shows newcomers uploaded and unmet searches counted after the site was built', async () => {
    const token = signDevToken(portal.devTokenSecret, {
      sub: 'lst-01',
      name: 'Länsstyrelsen Stockholm',
      groups: ['county-board'],
    });
    const upload = await fetch(`${portal.url}/api/coverage/newcomers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: 'kommun;år;antal\r\nHaninge;2025;250\r\n',
    });
    expect(upload.status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const search = await fetch(`${portal.url}/api/search?q=ridl%C3%A4ger+zyxw&municipality=0136`);
      expect(search.status).toBe(200);
    }
    await flushDemand();

    const page = await open('/en/tackning/');
    await current(page);
    const haninge = page.locator('.cov-grid tr[data-code="0136"]');
    await expect(haninge.locator('td').nth(3).textContent()).resolves.toBe('250 (2025)');
    const demand = page.locator('.cov-demand');
    await demand.waitFor();
    await expect(
      demand.locator('tbody tr', { hasText: 'ridläger zyxw' }).locator('td').last().textContent(),
    ).resolves.toBe('5');
  });
});

describe('downloads', () => {
  it('the CSV links answer spreadsheets for the chosen county', async () => {
    const page = await open('/tackning/');
    await current(page);
    const hrefs = await page
      .locator('.cov-downloads a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toEqual([
      '/api/coverage?format=csv&county=01',
      '/api/coverage?format=csv&county=01&table=regions',
      '/api/coverage?format=csv&county=01&table=gaps',
    ]);
    for (const href of hrefs) {
      const response = await fetch(`${portal.url}${href}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="tackning-/);
    }
  });
});
