/**
 * Browser test support: Debian's Chromium driven by playwright-core, axe for WCAG checks, and a
 * watcher for what a visitor would never see but a broken page shows (console errors, failed requests,
 * CSP refusals). Shared by every browser test.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEFAULT_SITE_DIR } from '../../local/server.ts';

/**
 * The built site the browser tests read: `npm test` builds site/dist first. INSATS_TEST_SITE_DIR points
 * the tests at a private build instead (`buildSite(url, { outDir })`), for work beside other builds.
 */
export const TEST_SITE_DIR = process.env.INSATS_TEST_SITE_DIR ?? DEFAULT_SITE_DIR;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** WCAG 2.2 AA as axe tags it (2.0/2.1 A and AA, plus the new 2.2 AA rules such as target size). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The smallest phone we design for. */
export const MOBILE_VIEWPORT = { width: 360, height: 740 };

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** What went wrong on a page while a test used it. */
export interface PageProblems {
  /** Console errors, including the browser's own (CSP refusals, failed resource loads). */
  console: string[];
  /** Uncaught exceptions in page scripts. */
  exceptions: string[];
  /** Requests that failed, or same-origin answers with a 4xx/5xx status. */
  requests: string[];
}

/** Start recording a page's problems; read them (and expect them empty) at the end of a test. */
export function watchPage(page: Page, options: { ignoreStatusFor?: RegExp } = {}): PageProblems {
  const problems: PageProblems = { console: [], exceptions: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.exceptions.push(error.stack ?? error.message));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // Navigations away abort pending requests; that is not a fault of the page.
    if (reason !== 'net::ERR_ABORTED')
      problems.requests.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !options.ignoreStatusFor?.test(response.url())) {
      problems.requests.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
    }
  });
  return problems;
}

export interface AxeOptions {
  /** Rules switched off, each with the reason written down. */
  disable?: { rule: string; reason: string }[];
  /** CSS selectors left out of the check. */
  exclude?: string[];
}

export type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** Run axe with the WCAG 2.2 AA tags over the page as it is now. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  // Only violations are read: axe then skips collecting every passing node (much faster on long lists).
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] });
  if (options.disable?.length) builder = builder.disableRules(options.disable.map((d) => d.rule));
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations;
}

/** Violations as a readable failure message: rule, impact, what it means and where. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const where = v.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
        .join('\n');
      return `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${where}`;
    })
    .join('\n');
}

/**
 * Scripts in the page that a `script-src 'self'` policy refuses: inline scripts, except JSON data blocks
 * (which browsers never run). Also inline event handler attributes (`onclick=`), refused the same way.
 */
export function inlineScripts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const found = [];
    for (const script of document.querySelectorAll('script:not([src])')) {
      const type = (script.getAttribute('type') || '').toLowerCase();
      if (type === 'application/json' || type === 'application/ld+json') continue;
      found.push(script.outerHTML.slice(0, 120));
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        if (attribute.startsWith('on')) found.push('<' + element.localName + ' ' + attribute + '=...>');
      }
    }
    for (const link of document.querySelectorAll('a[href^="javascript:" i]')) found.push(link.outerHTML.slice(0, 120));
    return found;
  })()`);
}

/** Wait until every Astro island on the page has hydrated (Astro removes `ssr` when it has). */
export async function islandsHydrated(page: Page, timeout = 10_000): Promise<void> {
  // A function, not a string: a string predicate is eval'd in the page, which the CSP refuses.
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, {
    timeout,
  });
}

/** A fresh context (own cookies, cache) for each scenario; axe needs pages from `newContext()`. */
export function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: MOBILE_VIEWPORT, ...options });
}
