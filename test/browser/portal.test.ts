/**
 * The newcomer portal in a real browser: search (Swedish, Arabic, keyboard only), "where am I?",
 * municipality and region pages without JavaScript, an intervention's page, text from catalogues that
 * must stay text, the API going down, every page type × every language under axe (WCAG 2.2 AA) and the
 * CSP at 360 px, and the size budgets of the built site.
 *
 * One portal (embedded DynamoDB, the real handlers, the built site) and one browser for the whole file.
 * The site must be built first (`npm run build:site`; `npm test` does it).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoDate } from '../../local/seed.ts';
import { startPortal } from '../../local/server.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { textDirection, UI_LANGUAGE_TAG, UI_LANGUAGES, type UiLanguage } from '../../shared/languages.ts';
import type { RegionSummary } from '../../shared/region.ts';
import { type ReviewState, reviewDeadlines, reviewState } from '../../shared/review.ts';
import { AUDIENCES, categoryLabel, termLabel } from '../../shared/taxonomy.ts';
import { formatDate } from '../../site/src/lib/format.ts';
import { t } from '../../site/src/lib/i18n.ts';
import { localizedPath } from '../../site/src/lib/paths.ts';
import { municipalitySlug } from '../../site/src/lib/vocabulary.ts';
import { MY_MUNICIPALITY_KEY } from '../../site/src/lib/where.ts';
import {
  axeViolations,
  describeViolations,
  inlineScripts,
  islandsHydrated,
  launchBrowser,
  MOBILE_VIEWPORT,
  newContext,
  type PageProblems,
  TEST_SITE_DIR,
  watchPage,
} from '../support/browser.ts';
import { untilPublic } from '../support/published.ts';

type SearchAnswer = {
  total: number;
  results: (Intervention & { regionId: string })[];
  nextCursor: string | null;
};

const HUDDINGE = '0126';
const SPRAKCAFE = { regionId: 'sodertorn', id: 'huddinge-sprakcafe' };

let portal: Awaited<ReturnType<typeof startPortal>>;
let browser: Browser;
let context: BrowserContext;
const opened: { page: Page; problems: PageProblems; checked: boolean; ignoreConsole?: RegExp }[] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${portal.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const search = (query: string) => api<SearchAnswer>(`/api/search?${query}`);

/**
 * Every intervention that names a municipality, from the national search (which also counts remote
 * interventions as available everywhere; a municipality's page lists those that name it).
 */
async function allIn(municipality: string): Promise<SearchAnswer['results']> {
  const items: SearchAnswer['results'] = [];
  let cursor: string | null = null;
  do {
    const page: SearchAnswer = await search(
      `municipality=${municipality}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.results.filter((item) => item.municipalities.includes(municipality)));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Open a page, recording what went wrong on it; every test ends expecting nothing (unless `checked:
 * false`, for the tests that break the API on purpose). The CDN's CSP must be in force, and every CSP
 * violation the page reports is recorded too.
 */
async function open(
  path: string,
  options: {
    on?: BrowserContext;
    status?: number;
    checked?: boolean;
    /** An expected 4xx answer: not a problem, nor the browser's console line about it. */
    expect404?: RegExp;
    /** The page's clock starts at this instant (epoch ms) instead of now: a built page viewed later. */
    clock?: number;
  } = {},
): Promise<Page> {
  const page = await (options.on ?? context).newPage();
  const problems = watchPage(page, { ignoreStatusFor: options.expect404 });
  opened.push({
    page,
    problems,
    checked: options.checked ?? true,
    ignoreConsole: options.expect404 ? /status of 404/ : undefined,
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('dialog', (dialog) => {
    problems.exceptions.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  if (options.clock !== undefined) await page.clock.install({ time: options.clock });
  const response = await page.goto(`${portal.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(options.status ?? 200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  return page;
}

const html = (page: Page) => page.locator('html');
const countText = (page: Page) => page.locator('.result-count[role="status"]');

/** Wait until the search has answered and announced its count. */
async function searched(page: Page, lang: UiLanguage, total: number): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('.result-count')?.textContent === expected,
    t(lang, 'search.count', { count: total }),
    { timeout: 10_000 },
  );
}

beforeAll(async () => {
  if (!existsSync(join(TEST_SITE_DIR, 'sok', 'index.html'))) {
    throw new Error(
      'The site is not built: run `npm run build:site` (or `npm test`, which builds it first).',
    );
  }
  portal = await startPortal({ port: 0, seedDemo: true, siteDir: TEST_SITE_DIR });
  browser = await launchBrowser();
  context = await newContext(browser);
});

afterEach(async () => {
  const pages = opened.splice(0);
  for (const { page } of pages) await page.close();
  for (const { problems, checked, ignoreConsole } of pages) {
    if (!checked) continue;
    expect(problems.exceptions, 'uncaught exceptions').toEqual([]);
    const console = problems.console.filter((line) => !ignoreConsole?.test(line));
    expect(console, 'console errors').toEqual([]);
    expect(problems.requests, 'failed requests').toEqual([]);
  }
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await portal?.close();
});

describe('search in Swedish', () => {
  it('finds by text as you type, narrows with a municipality chip, and keeps the state in the URL', async () => {
    const page = await open('/sok/');
    await expect(html(page).getAttribute('lang')).resolves.toBe('sv');
    const everything = await search('limit=1');
    await searched(page, 'sv', everything.total);

    // Typing: results as you type, one request per pause, and the URL follows.
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/search')) requests.push(request.url());
    });
    const box = page.getByLabel(t('sv', 'search.label'));
    await box.pressSequentially('svenska', { delay: 30 });
    const svenska = await search('q=svenska&limit=1');
    await searched(page, 'sv', svenska.total);
    await page.waitForURL(`${portal.url}/sok/?q=svenska`);
    expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(2);

    // A filter chip, with its count.
    const withHuddinge = await search(`q=svenska&municipality=${HUDDINGE}&limit=100`);
    expect(withHuddinge.total).toBeGreaterThan(0);
    expect(withHuddinge.total).toBeLessThan(svenska.total);
    await page.locator('#filter-municipality summary').click();
    const chip = page.locator('#filter-municipality button.chip', { hasText: 'Huddinge' });
    await expect(chip.textContent()).resolves.toBe(`Huddinge (${withHuddinge.total})`);
    await chip.click();
    await searched(page, 'sv', withHuddinge.total);
    await page.waitForURL(`${portal.url}/sok/?q=svenska&municipality=${HUDDINGE}`);
    await expect(chip.getAttribute('aria-pressed')).resolves.toBe('true');
    const results = page.locator('.result-list > .result');
    await expect(results.count()).resolves.toBe(withHuddinge.results.length);
    for (const municipalities of await results.locator('.fact').first().locator('dd').allTextContents())
      expect(municipalities).toContain('Huddinge');
    const firstTitle = withHuddinge.results[0]!.title.sv;
    await expect(results.first().locator('h3').textContent()).resolves.toBe(firstTitle);
    const activeChip = page.getByRole('button', {
      name: t('sv', 'search.removeFilter', { filter: 'Huddinge' }),
    });
    await expect(activeChip.count()).resolves.toBe(1);

    // The URL is the search: reload it (a bookmark, a link sent by SMS) and the same search comes back.
    await page.reload();
    await searched(page, 'sv', withHuddinge.total);
    await expect(box.inputValue()).resolves.toBe('svenska');
    await page.locator('#filter-municipality summary').click();
    await expect(chip.getAttribute('aria-pressed')).resolves.toBe('true');
    // The language switcher keeps the search.
    await expect(page.locator('.language-switcher a[lang="ar"]').getAttribute('href')).resolves.toBe(
      `/ar/sok/?q=svenska&municipality=${HUDDINGE}`,
    );

    // Removing the filter, then going back in history, restores each state.
    await activeChip.click();
    await searched(page, 'sv', svenska.total);
    await page.waitForURL(`${portal.url}/sok/?q=svenska`);
    await page.goBack();
    await page.waitForURL(`${portal.url}/sok/?q=svenska&municipality=${HUDDINGE}`);
    await searched(page, 'sv', withHuddinge.total);
  });

  it('shows more results on request and moves focus to the first new one', async () => {
    const page = await open('/sok/');
    const everything = await search('limit=20');
    expect(everything.nextCursor).not.toBeNull();
    await searched(page, 'sv', everything.total);
    const results = page.locator('.result-list > .result');
    await expect(results.count()).resolves.toBe(20);
    await page.getByRole('button', { name: t('sv', 'search.loadMore') }).click();
    await page.waitForFunction(() => document.querySelectorAll('.result-list > .result').length === 40);
    await expect(page.locator('.showing').textContent()).resolves.toBe(
      t('sv', 'search.showing', { shown: 40, total: everything.total }),
    );
    const focused = await page.evaluate(
      () => document.activeElement?.closest('.result') === document.querySelectorAll('.result')[20],
    );
    expect(focused, 'focus on the 21st result').toBe(true);
  });

  it('with nothing found, suggests removing a filter and shows remote interventions', async () => {
    const none = `q=svenska&municipality=${HUDDINGE}&audience=women`;
    expect((await search(`${none}&limit=1`)).total).toBe(0);
    const remote = await search('delivery=remote&limit=5');
    expect(remote.total).toBeGreaterThan(0);

    const page = await open(`/sok/?${none}`);
    await searched(page, 'sv', 0);
    await expect(page.locator('.empty-state > h3').textContent()).resolves.toBe(
      t('sv', 'search.empty.title'),
    );
    await page.locator('.empty-state .result').first().waitFor();
    await expect(page.locator('.empty-state .result h3').allTextContents()).resolves.toEqual(
      remote.results.map((item) => item.title.sv),
    );
    const women = termLabel(AUDIENCES, 'women', 'sv');
    await page
      .locator('.empty-state')
      .getByRole('button', { name: t('sv', 'search.removeFilter', { filter: women }) })
      .click();
    await page.waitForURL(`${portal.url}/sok/?q=svenska&municipality=${HUDDINGE}`);
    await searched(page, 'sv', (await search(`q=svenska&municipality=${HUDDINGE}&limit=1`)).total);
  });
});

describe('search in Arabic', () => {
  it('is right-to-left with Arabic labels, and a category chip narrows the results', async () => {
    const page = await open('/ar/sok/?q=svenska');
    await expect(html(page).getAttribute('lang')).resolves.toBe('ar');
    await expect(html(page).getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('h1').textContent()).resolves.toBe(t('ar', 'search.title'));
    await expect(page.locator('label[for="q"]').textContent()).resolves.toBe(t('ar', 'search.label'));
    const svenska = await search('q=svenska&limit=1&lang=ar');
    await searched(page, 'ar', svenska.total);
    await expect(countText(page).textContent()).resolves.toMatch(/^عدد الأنشطة التي وُجدت: \d+$/);

    const sfi = await search('q=svenska&category=sfi&limit=100&lang=ar');
    await page.locator('#filter-category summary').click();
    await expect(page.locator('#filter-category summary').textContent()).resolves.toBe(
      t('ar', 'search.facet.category'),
    );
    const chip = page.locator('#filter-category button.chip', { hasText: categoryLabel('sfi', 'ar') });
    await expect(chip.textContent()).resolves.toBe(`${categoryLabel('sfi', 'ar')} (${sfi.total})`);
    await chip.click();
    await page.waitForURL(`${portal.url}/ar/sok/?q=svenska&category=sfi`);
    await searched(page, 'ar', sfi.total);

    const results = page.locator('.result-list > .result');
    await expect(results.count()).resolves.toBe(Math.min(sfi.total, 20));
    for (const tag of await results.locator('.tag').allTextContents())
      expect(tag).toBe(categoryLabel('sfi', 'ar'));
    // Titles in Arabic when the intervention has Arabic, else the Swedish title, marked and noted.
    for (const [index, item] of sfi.results.slice(0, 20).entries()) {
      const result = results.nth(index);
      const title = result.locator('h3 a span');
      if (item.title.ar) {
        await expect(title.textContent()).resolves.toBe(item.title.ar);
      } else {
        await expect(title.textContent()).resolves.toBe(item.title.sv);
        await expect(title.getAttribute('lang')).resolves.toBe('sv');
        await expect(title.getAttribute('dir')).resolves.toBe('ltr');
        await expect(result.locator('.only-swedish').textContent()).resolves.toBe(
          t('ar', 'intervention.onlySwedish'),
        );
      }
    }
    await expect(results.first().locator('dt').first().textContent()).resolves.toBe(
      t('ar', 'intervention.municipalities'),
    );
    // Right-to-left layout: the results' text starts at the right edge.
    const align = await results
      .first()
      .locator('h3')
      .evaluate((h3) => getComputedStyle(h3).direction);
    expect(align).toBe('rtl');
    await expect(page.locator('.language-switcher a[lang="sv"]').getAttribute('href')).resolves.toBe(
      '/sok/?q=svenska&category=sfi',
    );
  });
});

describe('the search with the keyboard alone', () => {
  it('tab to the box, type, tab to a result, Enter opens it; focus is always visible', async () => {
    const page = await open('/sok/');
    await islandsHydrated(page);
    const active = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        const style = element ? getComputedStyle(element) : undefined;
        return {
          id: element?.id ?? '',
          result: Boolean(element?.matches('.result h3 a')),
          href: element?.getAttribute('href') ?? '',
          visible: Boolean(style && style.outlineStyle !== 'none' && style.outlineWidth !== '0px'),
        };
      });

    let focus = await active();
    for (let presses = 0; focus.id !== 'q'; presses++) {
      expect(presses, 'Tab reaches the search box').toBeLessThan(40);
      await page.keyboard.press('Tab');
      focus = await active();
      if (focus.id || focus.href)
        expect(focus.visible, `focus visible on ${focus.id || focus.href}`).toBe(true);
    }
    await page.keyboard.type('praktik');
    await searched(page, 'sv', (await search('q=praktik&limit=1')).total);

    for (let presses = 0; !focus.result; presses++) {
      expect(presses, 'Tab reaches a result').toBeLessThan(60);
      await page.keyboard.press('Tab');
      focus = await active();
      expect(focus.visible, `focus visible on ${focus.id || focus.href || 'an element'}`).toBe(true);
    }
    const first = (await search('q=praktik&limit=1')).results[0]!;
    expect(focus.href).toBe(`/insats/?r=${first.regionId}&id=${first.id}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${portal.url}${focus.href}`);
    await page.locator('h1#insats-titel').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe(first.title.sv);
  });
});

describe('where am I?', () => {
  it('a postal code picks the municipality, remembered on this device and sent only as the search filter', async () => {
    const own = await newContext(browser);
    try {
      const requests: string[] = [];
      own.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
      const page = await open('/sok/', { on: own });
      await islandsHydrated(page);
      await searched(page, 'sv', (await search('limit=1')).total);
      expect(
        requests.filter((r) => r.includes('postnummer')),
        'the table loads only when the box is used',
      ).toEqual([]);

      await page.locator('#var-bor-du summary').click();
      await page.getByLabel(t('sv', 'where.postal')).fill('141 46');
      await page.getByRole('button', { name: t('sv', 'where.postalButton') }).click();
      await page.waitForURL(`${portal.url}/sok/?municipality=${HUDDINGE}`);
      await page.waitForFunction(
        (text) => document.querySelector('.where-message')?.textContent === text,
        t('sv', 'where.postalFound', { code: '141 46', municipality: 'Huddinge' }),
      );
      await searched(page, 'sv', (await search(`municipality=${HUDDINGE}&limit=1`)).total);
      await expect(page.evaluate((key) => localStorage.getItem(key), MY_MUNICIPALITY_KEY)).resolves.toBe(
        HUDDINGE,
      );
      expect(requests.filter((r) => r.includes('postnummer'))).toHaveLength(1);
      // The municipality leaves the device only as the search's filter, in a GET query.
      const carrying = requests.filter(
        (r) => r.includes(HUDDINGE) || r.includes('14146') || r.includes('141%2046'),
      );
      for (const request of carrying)
        expect(request).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/(api\/search|sok\/)\?/);
      expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);

      // A later visit starts in Huddinge; a link someone shared keeps its own search.
      const again = await open('/sok/', { on: own });
      await again.waitForURL(`${portal.url}/sok/?municipality=${HUDDINGE}`);
      await expect(again.locator('#var-bor-du summary').textContent()).resolves.toBe(
        t('sv', 'where.current', { municipality: 'Huddinge' }),
      );
      const shared = await open('/sok/?q=sfi', { on: own });
      await searched(shared, 'sv', (await search('q=sfi&limit=1')).total);
      expect(new URL(shared.url()).search).toBe('?q=sfi');
      await shared.locator('#var-bor-du summary').click();
      await shared.getByRole('button', { name: t('sv', 'where.show', { municipality: 'Huddinge' }) }).click();
      await shared.waitForURL(`${portal.url}/sok/?q=sfi&municipality=${HUDDINGE}`);

      // Forgetting clears the device.
      await shared.getByRole('button', { name: t('sv', 'where.forget') }).click();
      await expect(
        shared.evaluate((key) => localStorage.getItem(key), MY_MUNICIPALITY_KEY),
      ).resolves.toBeNull();
    } finally {
      await own.close();
    }
  });

  it('an unknown postal code asks for the municipality instead', async () => {
    const page = await open('/en/sok/#var-bor-du');
    await islandsHydrated(page);
    await page.getByLabel(t('en', 'where.postal')).fill('00000');
    await page.getByRole('button', { name: t('en', 'where.postalButton') }).click();
    await expect(page.locator('.where-message').textContent()).resolves.toBe(t('en', 'where.postalInvalid'));
    await page.getByLabel(t('en', 'where.postal')).fill('10000');
    await page.getByRole('button', { name: t('en', 'where.postalButton') }).click();
    await page.waitForFunction(
      (text) => document.querySelector('.where-message')?.textContent === text,
      t('en', 'where.postalNotFound', { code: '100 00' }),
    );
  });
});

describe('region and municipality pages', () => {
  it('are readable without JavaScript: every intervention of the municipality, with contact details', async () => {
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    try {
      const huddinge = await allIn(HUDDINGE);
      expect(huddinge.length).toBeGreaterThan(0);
      const page = await open('/kommuner/huddinge/', { on: noScript });
      await expect(page.locator('h1').textContent()).resolves.toBe(
        t('sv', 'municipality.title', { municipality: 'Huddinge' }),
      );
      await expect(page.locator('article.intervention').count()).resolves.toBe(huddinge.length);
      for (const item of huddinge) {
        const article = page.locator(`article[id="insats-${item.regionId}-${item.id}"]`);
        await expect(article.locator('h3').textContent(), item.id).resolves.toBe(item.title.sv);
        await expect(article.locator('h3 a').getAttribute('href')).resolves.toBe(
          `/insats/?r=${item.regionId}&id=${item.id}`,
        );
        if (item.contact?.email)
          await expect(article.locator(`a[href="mailto:${item.contact.email}"]`).count()).resolves.toBe(1);
      }
      // Grouped by category, with a navigation of the categories.
      await expect(page.locator('.category-nav a').count()).resolves.toBe(
        await page.locator('section.category').count(),
      );

      const region = await open('/regioner/sodertorn/', { on: noScript });
      const catalogue = await api<{ items: Intervention[] }>(
        '/api/regions/sodertorn/interventions?limit=100',
      );
      // Every item but those hidden by the review routine (unconfirmed for 210 days; below).
      const shown = catalogue.items.filter((item) => reviewState(item, Date.now()) !== 'hidden');
      await expect(region.locator('article.intervention').count()).resolves.toBe(shown.length);
      await expect(region.locator('.region-overview a[href="/kommuner/huddinge/"]').count()).resolves.toBe(1);
      const index = await open('/ar/kommuner/', { on: noScript });
      await expect(index.locator('a[href="/ar/kommuner/huddinge/"]').count()).resolves.toBe(1);
    } finally {
      await noScript.close();
    }
  });

  it('keep the visitor on the same page when the language changes', async () => {
    const page = await open('/kommuner/huddinge/');
    await page.locator('.language-switcher a[lang="fa-AF"]').click();
    await page.waitForURL(`${portal.url}/fa/kommuner/huddinge/`);
    await expect(html(page).getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('h1 [lang="sv"]').textContent()).resolves.toBe('Huddinge');
  });
});

describe("an intervention's page", () => {
  it('is reached from a listing and shows everything, how to sign up and a share link; prints without navigation', async () => {
    const { item } = await api<{ item: Intervention }>(
      `/api/regions/${SPRAKCAFE.regionId}/interventions/${SPRAKCAFE.id}`,
    );
    const listing = await open('/kommuner/huddinge/');
    await listing.locator(`article[id="insats-sodertorn-${SPRAKCAFE.id}"] h3 a`).click();
    const path = `/insats/?r=${SPRAKCAFE.regionId}&id=${SPRAKCAFE.id}`;
    await listing.waitForURL(`${portal.url}${path}`);
    const page = listing;
    await page.locator('h1#insats-titel').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe(item.title.sv);
    await expect(page.title()).resolves.toBe(`${item.title.sv} – Insatsportalen`);
    const signUp = page.locator('section.sign-up');
    await expect(signUp.locator('h2').textContent()).resolves.toBe(t('sv', 'detail.signUp'));
    await expect(signUp.locator(`a[href="mailto:${item.contact!.email}"]`).count()).resolves.toBe(1);
    await expect(signUp.locator('a[href^="tel:"]').textContent()).resolves.toBe(item.contact!.phone);
    await expect(page.locator('.description').textContent()).resolves.toBe(item.description!.sv);
    await expect(page.locator('a[href="/kommuner/huddinge/"]').count()).resolves.toBe(1);
    await expect(
      page
        .locator('.fact', { hasText: t('sv', 'intervention.lastReviewed') })
        .locator('dd')
        .textContent(),
    ).resolves.toBe(formatDate(demoDate('2026-11-18'), 'sv')); // as written in the demo, moved to today
    await expect(page.locator('#dela-lank').inputValue()).resolves.toBe(`${portal.url}${path}`);
    await expect(page.locator('.language-switcher a[lang="uk"]').getAttribute('href')).resolves.toBe(
      `/uk${path}`,
    );

    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.language-switcher', '.site-footer', 'section.share', '.main-nav'])
      await expect(page.locator(hidden).isVisible(), hidden).resolves.toBe(false);
    await expect(signUp.isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // In Ukrainian: labels in Ukrainian, the Swedish text marked as Swedish.
    const uk = await open(`/uk${path}`);
    await uk.locator('h1#insats-titel').waitFor();
    await expect(uk.locator('h1 [lang="sv"]').textContent()).resolves.toBe(item.title.sv);
    await expect(uk.locator('.only-swedish').textContent()).resolves.toBe(
      t('uk', 'intervention.onlySwedish'),
    );
    await expect(uk.locator('section.sign-up h2').textContent()).resolves.toBe(t('uk', 'detail.signUp'));
  });

  it('says so when the intervention does not exist', async () => {
    const page = await open('/insats/?r=sodertorn&id=finns-inte', { expect404: /\/api\/regions\// });
    await page.locator('h1', { hasText: t('sv', 'detail.notFound') }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(t('sv', 'detail.notFoundText'));
  });
});

describe('when the API is down', () => {
  it('the search and an intervention page say so and offer a retry; listings keep their built content', async () => {
    const down = await newContext(browser);
    try {
      await down.route('**/api/**', (route) => route.abort());
      const page = await open('/sok/?q=svenska', { on: down, checked: false });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.locator('p').textContent()).resolves.toBe(t('sv', 'search.error'));
      await expect(page.locator('h1').textContent()).resolves.toBe(t('sv', 'search.title'));

      await down.unroute('**/api/**');
      await alert.getByRole('button', { name: t('sv', 'search.retry') }).click();
      await searched(page, 'sv', (await search('q=svenska&limit=1')).total);
      await expect(page.getByRole('alert').count()).resolves.toBe(0);

      await down.route('**/api/**', (route) => route.abort());
      const detail = await open(`/ar/insats/?r=${SPRAKCAFE.regionId}&id=${SPRAKCAFE.id}`, {
        on: down,
        checked: false,
      });
      await detail.getByRole('alert').waitFor();
      await expect(detail.getByRole('alert').locator('p').textContent()).resolves.toBe(
        t('ar', 'detail.error'),
      );
      await down.unroute('**/api/**');
      await detail.getByRole('button', { name: t('ar', 'search.retry') }).click();
      await detail.locator('h1#insats-titel').waitFor();

      await down.route('**/api/**', (route) => route.abort());
      const listing = await open('/kommuner/huddinge/', { on: down, checked: false });
      await islandsHydrated(listing);
      await expect(listing.locator('article.intervention').count()).resolves.toBe(
        (await allIn(HUDDINGE)).length,
      );
      await expect(listing.getByRole('alert').count()).resolves.toBe(0);
    } finally {
      await down.close();
    }
  });
});

/** Every page type; the 404 page is one page for all languages, checked with Swedish. */
function pagesOf(
  lang: UiLanguage,
): { path: string; ready?: (page: Page) => Promise<void>; status?: number; expect404?: RegExp }[] {
  return [
    { path: localizedPath(lang, '/') },
    {
      path: localizedPath(lang, '/sok/?q=svenska'),
      ready: async (page) => {
        await page.locator('.result').first().waitFor();
        await page.locator('#filter-category summary').click();
        await page.locator('#var-bor-du summary').click();
      },
    },
    { path: localizedPath(lang, '/sok/?q=qqqzzz'), ready: (page) => page.locator('.empty-state').waitFor() },
    { path: localizedPath(lang, '/regioner/sodertorn/') },
    { path: localizedPath(lang, '/kommuner/') },
    { path: localizedPath(lang, '/kommuner/huddinge/') },
    {
      path: localizedPath(lang, `/insats/?r=${SPRAKCAFE.regionId}&id=${SPRAKCAFE.id}`),
      ready: (page) => page.locator('h1#insats-titel').waitFor(),
    },
    { path: localizedPath(lang, '/tillganglighet/') },
    ...(lang === 'sv' ? [{ path: '/finns-inte/', status: 404, expect404: /\/finns-inte\/$/ }] : []),
  ];
}

/** Pages checked with axe at the same time. */
const AXE_PARALLEL = 3;

describe('every page type in every language', () => {
  it.each(UI_LANGUAGES)(
    '%s: no axe violations (WCAG 2.2 AA), no CSP violations or inline scripts, no web fonts, fits 360 px',
    async (lang) => {
      // The pages of a language are checked side by side (axe is the slow part, and pages are independent).
      const check = async ({ path, ready, status, expect404 }: ReturnType<typeof pagesOf>[number]) => {
        const page = await open(path, { status, expect404 });
        const fonts: string[] = [];
        page.on('request', (request) => {
          if (request.resourceType() === 'font') fonts.push(request.url());
        });
        await islandsHydrated(page);
        await ready?.(page);
        const expectedLang = status === 404 ? 'sv' : lang;
        await expect(html(page).getAttribute('lang'), path).resolves.toBe(UI_LANGUAGE_TAG[expectedLang]);
        await expect(html(page).getAttribute('dir'), path).resolves.toBe(textDirection(expectedLang));
        const violations = await axeViolations(page);
        expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
        await expect(inlineScripts(page), path).resolves.toEqual([]);
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width, `${path}: no horizontal scrolling on a small phone`).toBeLessThanOrEqual(
          MOBILE_VIEWPORT.width,
        );
        expect(fonts, path).toEqual([]);
      };
      const pages = pagesOf(lang);
      for (let i = 0; i < pages.length; i += AXE_PARALLEL)
        await Promise.all(pages.slice(i, i + AXE_PARALLEL).map(check));
    },
  );

  it('the search page has no axe violations on a wide screen either', async () => {
    const wide = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    try {
      for (const path of ['/sok/?q=svenska&municipality=0126', '/ar/kommuner/huddinge/']) {
        const page = await open(path, { on: wide });
        await islandsHydrated(page);
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    } finally {
      await wide.close();
    }
  });
});

/** Size budgets, on the built site (gzip, as the CDN sends it). */
const BUDGETS = {
  /** The HTML of a listing page (a region or a municipality). */
  listingHtmlGz: 60_000,
  /** Every script the search page loads: React, Astro's loader and the island. */
  searchJsGz: 80_000,
};

async function htmlFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await htmlFiles(path)));
    else if (entry.name === 'index.html') files.push(path);
  }
  return files;
}

/** The scripts a built page loads, following their imports (static and dynamic), gzipped. */
async function pageScriptsGz(page: string): Promise<{ bytes: number; files: string[] }> {
  const text = await readFile(join(TEST_SITE_DIR, page), 'utf8');
  const queue = [
    ...text.matchAll(
      /(?:<script\b[^>]*\bsrc|component-url|renderer-url|before-hydration-url)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  let bytes = 0;
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await readFile(join(TEST_SITE_DIR, url));
    bytes += gzipSync(code).length;
    for (const m of code.toString().matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(posix.join(posix.dirname(url), m[1]!));
  }
  return { bytes, files: [...seen] };
}

describe('fast on a cheap phone', () => {
  it(`every listing page is at most ${BUDGETS.listingHtmlGz / 1000} kB of HTML, gzipped`, async () => {
    const listings = [
      ...(await htmlFiles(TEST_SITE_DIR)).filter((file) =>
        /[/\\](regioner|kommuner)[/\\][^/\\]+[/\\](?:\d+[/\\])?index\.html$/.test(file),
      ),
    ];
    expect(listings.length).toBeGreaterThanOrEqual(UI_LANGUAGES.length * 4);
    for (const file of listings) {
      const size = gzipSync(await readFile(file)).length;
      expect(size, file).toBeLessThanOrEqual(BUDGETS.listingHtmlGz);
    }
  });

  it(`the search page loads at most ${BUDGETS.searchJsGz / 1000} kB of JavaScript, gzipped, as built and in the browser`, async () => {
    const built = await pageScriptsGz('sok/index.html');
    expect(built.bytes, built.files.join('\n')).toBeLessThanOrEqual(BUDGETS.searchJsGz);
    const page = await context.newPage();
    opened.push({ page, problems: watchPage(page), checked: true });
    const sizes: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        sizes.push(response.body().then((b) => gzipSync(b).length));
    });
    await page.goto(`${portal.url}/ar/sok/?q=svenska`);
    await islandsHydrated(page);
    await page.waitForLoadState('networkidle');
    const loaded = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThanOrEqual(BUDGETS.searchJsGz);
  });

  it('uses no web fonts: no @font-face in any stylesheet', async () => {
    const css = (await readdir(join(TEST_SITE_DIR, '_astro'))).filter((name) => name.endsWith('.css'));
    expect(css.length).toBeGreaterThan(0);
    for (const name of css) {
      await expect(readFile(join(TEST_SITE_DIR, '_astro', name), 'utf8'), name).resolves.not.toMatch(
        /@font-face/i,
      );
    }
  });
});

describe('the review routine on the portal (issue 7: overdue and hidden items)', () => {
  type Item = Intervention & { regionId: string };
  let sodertorn: Item[];
  let interval: number;
  const stateAt = (item: Item, at: number): ReviewState => reviewState(item, at, interval);
  const anchor = (item: Item) => `insats-${item.regionId}-${item.id}`;
  const note = (item: Item, lang: UiLanguage) =>
    t(lang, 'intervention.notConfirmedSince', { date: formatDate(item.lastReviewedAt!, lang) });

  beforeAll(async () => {
    const { regions } = await api<{ regions: RegionSummary[] }>('/api/regions');
    interval = regions.find((r) => r.id === 'sodertorn')!.reviewIntervalDays;
    expect(interval).toBe(90);
    const { items } = await api<{ items: Intervention[] }>('/api/regions/sodertorn/interventions?limit=100');
    sodertorn = items.map((item) => ({ ...item, regionId: 'sodertorn' }));
  });

  /** The Södertörn items in a state now (the demo, its dates moved to today, has overdue and hidden ones). */
  const inState = (state: ReviewState) => {
    const found = sodertorn.filter((item) => stateAt(item, Date.now()) === state);
    expect(found.length, `a demo item of Södertörn ${state} today`).toBeGreaterThan(0);
    return found;
  };

  /** The listing on `page` is what the review rule gives at `at`: no hidden item, a note on each overdue one. */
  async function expectListing(page: Page, items: Item[], at: number, lang: UiLanguage = 'sv') {
    const shown = items.filter((item) => stateAt(item, at) !== 'hidden');
    const ids = await page.locator('article.intervention').evaluateAll((els) => els.map((el) => el.id));
    expect(ids.sort()).toEqual(shown.map(anchor).sort());
    const noted = await page
      .locator('article.intervention:has(.not-confirmed)')
      .evaluateAll((els) => els.map((el) => el.id));
    const overdue = shown.filter((item) => stateAt(item, at) === 'overdue');
    expect(noted.sort()).toEqual(overdue.map(anchor).sort());
    for (const item of overdue.slice(0, 3)) {
      await expect(page.locator(`article[id="${anchor(item)}"] .not-confirmed`).textContent()).resolves.toBe(
        note(item, lang),
      );
    }
    return shown;
  }

  it('the region page notes overdue items and leaves hidden ones out, also without JavaScript', async () => {
    const overdue = inState('overdue');
    const hidden = inState('hidden');
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await open('/regioner/sodertorn/', { on: noScript });
      const shown = await expectListing(page, sodertorn, Date.now());
      expect(shown.length).toBe(sodertorn.length - hidden.length);
      await expect(page.locator('.region-overview .region-count').textContent()).resolves.toBe(
        t('sv', 'region.itemCount', { count: shown.length }),
      );
      // The note sits near the top of the entry: right after the title (and sub-category).
      await expect(
        page.locator(`article[id="${anchor(overdue[0]!)}"] > h3 ~ .not-confirmed`).count(),
      ).resolves.toBe(1);
    } finally {
      await noScript.close();
    }
    const ar = await open('/ar/regioner/sodertorn/');
    await islandsHydrated(ar);
    await expectListing(ar, sodertorn, Date.now(), 'ar');
  });

  it("a hidden item is absent from its municipality's page (and from the search), present by a direct link with the note", async () => {
    for (const item of inState('hidden')) {
      const code = item.municipalities[0]!;
      const slug = await municipalitySlugOf(code);
      if (slug) {
        const page = await open(`/kommuner/${slug}/`);
        await islandsHydrated(page);
        await expect(page.locator(`article[id="${anchor(item)}"]`).count(), slug).resolves.toBe(0);
      }
      const found = await search(`region=sodertorn&municipality=${code}&limit=100`);
      expect(found.results.map((r) => r.id)).not.toContain(item.id);
    }
    const hidden = inState('hidden')[0]!;
    const detail = await open(`/insats/?r=sodertorn&id=${hidden.id}`);
    await detail.locator('h1#insats-titel').waitFor();
    await expect(detail.locator('.not-confirmed').textContent()).resolves.toBe(note(hidden, 'sv'));
  });

  it('an overdue item says since when in the search results and on its own page, and passes axe', async () => {
    const item =
      inState('overdue').find((i) => i.municipalities.includes(HUDDINGE)) ?? inState('overdue')[0]!;
    const answer = await search(`q=${encodeURIComponent(item.title.sv)}&region=sodertorn&limit=5`);
    expect(answer.results.find((r) => r.id === item.id)).toMatchObject({ reviewState: 'overdue' });
    for (const lang of ['sv', 'ar'] as const) {
      const results = await open(
        localizedPath(lang, `/sok/?q=${encodeURIComponent(item.title.sv)}&region=sodertorn`),
      );
      const result = results.locator(`article[aria-labelledby="${anchor(item)}-t"]`);
      await result.waitFor();
      await expect(result.locator('.not-confirmed').textContent()).resolves.toBe(note(item, lang));
      const inSearch = await axeViolations(results);
      expect(inSearch, describeViolations(inSearch)).toEqual([]);

      const detail = await open(localizedPath(lang, `/insats/?r=sodertorn&id=${item.id}`));
      await detail.locator('h1#insats-titel').waitFor();
      await expect(detail.locator('.not-confirmed').textContent()).resolves.toBe(note(item, lang));
      const onPage = await axeViolations(detail);
      expect(onPage, describeViolations(onPage)).toEqual([]);
    }
    // A current item has no note.
    const current = inState('current')[0]!;
    const page = await open(`/insats/?r=sodertorn&id=${current.id}`);
    await page.locator('h1#insats-titel').waitFor();
    await expect(page.locator('.not-confirmed').count()).resolves.toBe(0);
  });

  it('a built page viewed after an item changes state reads the list again and shows it as it is then', async () => {
    const now = Date.now();
    const visible = sodertorn.filter((item) => stateAt(item, now) !== 'hidden');
    // The next instants at which a listed item becomes overdue, and becomes hidden (one ms after the deadline).
    const deadlines = visible.map((item) => reviewDeadlines(item, interval)).filter((d) => d !== undefined);
    const nextOverdue = Math.min(...deadlines.map((d) => d.overdueAt).filter((d) => d >= now)) + 1;
    const nextHidden = Math.min(...deadlines.map((d) => d.hiddenAt).filter((d) => d >= now)) + 1;
    for (const at of [nextOverdue, nextHidden].filter(Number.isFinite)) {
      const changed = visible.filter((item) => stateAt(item, at) !== stateAt(item, now));
      expect(changed.length).toBeGreaterThan(0);
      const page = await open('/regioner/sodertorn/', { clock: at });
      await page.locator('.live-catalogue[data-fresh="true"]').waitFor();
      const shown = await expectListing(page, sodertorn, at);
      await expect(page.locator('.region-overview .region-count').textContent()).resolves.toBe(
        t('sv', 'region.itemCount', { count: shown.length }),
      );
      // The same on a municipality page of a changed item (read through the search, decided by the page's clock).
      const item = changed.find((i) => stateAt(i, at) === 'overdue' || stateAt(i, at) === 'hidden')!;
      const slug = await municipalitySlugOf(item.municipalities[0]!);
      const municipality = await open(`/kommuner/${slug}/`, { clock: at });
      await municipality.locator('.live-catalogue[data-fresh="true"]').waitFor();
      const article = municipality.locator(`article[id="${anchor(item)}"]`);
      if (stateAt(item, at) === 'hidden') await expect(article.count()).resolves.toBe(0);
      else await expect(article.locator('.not-confirmed').textContent()).resolves.toBe(note(item, 'sv'));
    }
  });
});

/** The path segment of a municipality's page when the build made one (its municipality index links it), or ''. */
async function municipalitySlugOf(code: string): Promise<string> {
  const index = await readFile(join(TEST_SITE_DIR, 'kommuner', 'index.html'), 'utf8');
  const slug = municipalitySlug(code);
  return index.includes(`href="/kommuner/${slug}/"`) ? slug : '';
}

// Last: it publishes a new catalogue for Södertörn, which every later page would show.
describe('text from catalogues', () => {
  it('shows a <script> title as text on every page that shows it, and never runs it', async () => {
    const evil = '<script>alert(1)</script>';
    const { items } = await api<{ items: Intervention[] }>('/api/regions/sodertorn/interventions?limit=100');
    const added: Intervention = {
      ...items.find((item) => item.municipalities.includes(HUDDINGE))!,
      id: 'xss-prov',
      title: { sv: evil, ar: `${evil} عربي` },
      summary: { sv: '<img src=x onerror=alert(2)> "><svg onload=alert(3)>' },
      provider: { name: '"><script>alert(4)</script>', type: 'ngo' },
      municipalities: [HUDDINGE],
      category: 'sfi',
    };
    const response = await fetch(`${portal.url}/api/admin/regions/sodertorn/catalogue`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${portal.tokenFor(['sodertorn'])}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify([...items, added]),
    });
    const result = (await response.json()) as { status: string; version: number };
    expect(response.status, JSON.stringify(result)).toBe(200);
    expect(result.status).toBe('published');
    await untilPublic(portal.url, 'sodertorn', result.version);
    // The search notices a new version within its pointer-check interval.
    await expect
      .poll(async () => (await search('q=alert&limit=1')).total, { timeout: 10_000, interval: 250 })
      .toBe(1);

    const anchor = 'article[id="insats-sodertorn-xss-prov"]';
    const checks: [string, (page: Page) => Promise<void>][] = [
      [
        '/sok/?q=alert',
        async (page) => {
          await page.locator('.result h3', { hasText: 'alert(1)' }).waitFor();
          await expect(page.locator('.result h3', { hasText: 'alert(1)' }).textContent()).resolves.toBe(evil);
        },
      ],
      [
        '/kommuner/huddinge/',
        async (page) => {
          await page.locator(anchor).waitFor(); // published after the build: the live island shows it
          await expect(page.locator(`${anchor} h3`).textContent()).resolves.toBe(evil);
          await expect(page.locator(`${anchor} .summary`).textContent()).resolves.toBe(added.summary!.sv);
        },
      ],
      [
        '/ar/regioner/sodertorn/',
        async (page) => {
          await page.locator(anchor).waitFor();
          await expect(page.locator(`${anchor} h3`).textContent()).resolves.toBe(`${evil} عربي`);
        },
      ],
      [
        '/insats/?r=sodertorn&id=xss-prov',
        async (page) => {
          await page.locator('h1#insats-titel').waitFor();
          await expect(page.locator('h1').textContent()).resolves.toBe(evil);
          await expect(page.title()).resolves.toBe(`${evil} – Insatsportalen`);
        },
      ],
    ];
    for (const [path, check] of checks) {
      const page = await open(path);
      await check(page);
      // Nothing from the catalogue became an element or ran (a dialog would be recorded as a problem).
      const injected = await page.evaluate(() => ({
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
        images: document.querySelectorAll('main img').length,
        svgs: document.querySelectorAll('main svg').length,
      }));
      expect(injected, path).toEqual({ scripts: 0, images: 0, svgs: 0 });
    }
  });
});
