/**
 * The listing of interventions on region and municipality pages, as escaped HTML strings (see html.ts).
 * Rendered at build time into the static page (readable without JavaScript, indexable) and by the live
 * island in the browser when a newer catalogue has been published, so both show exactly the same markup.
 */
import type { UiLanguage } from '../../../shared/languages.ts';
import type { CategoryGroup, InterventionView, ViewContext } from './catalogue-view.ts';
import { shortList } from './catalogue-view.ts';
import { formatNumber, interpolate } from './format.ts';
import { attrs, type HtmlValue, html, type SafeHtml } from './html.ts';

/** Municipalities named in an entry before "and N more" (joint offers can name a dozen). */
export const ENTRY_MUNICIPALITIES_SHOWN = 6;

export interface ListingOptions {
  /** A navigation of the categories with their counts above the list. */
  nav?: boolean;
  /** Show one page of the listing (`paginate`); the category navigation links across pages. */
  paging?: { page: number; pageSize: number; pageHref: (page: number) => string };
}

/** Attributes for Swedish text (names, fallback text) on a page in another language. */
const swedish = (lang: UiLanguage) => (lang === 'sv' ? attrs({}) : attrs({ lang: 'sv', dir: 'ltr' }));

function textAttrs(text: InterventionView['title']): SafeHtml {
  return text.fallback ? attrs({ lang: text.tag, dir: text.dir }) : attrs({});
}

function fact(labelText: string, value: HtmlValue): SafeHtml {
  return html`<div class="fact"><dt>${labelText}</dt><dd>${value}</dd></div>`;
}

function inlineList(values: readonly string[], itemAttrs?: SafeHtml, more?: string): SafeHtml {
  const items = values.map((value) =>
    itemAttrs ? html`<li><span${itemAttrs}>${value}</span></li>` : html`<li>${value}</li>`,
  );
  return html`<ul class="inline-list">${items}${more ? html`<li>${more}</li>` : ''}</ul>`;
}

/** "Not confirmed since <date>" on an overdue item (docs/review.md), or nothing. */
export function notConfirmed(view: InterventionView, strings: ViewContext['strings']): SafeHtml | '' {
  return view.notConfirmedSince
    ? html`<p class="not-confirmed">${interpolate(strings['intervention.notConfirmedSince'], { date: view.notConfirmedSince })}</p>`
    : '';
}

export function renderEntry(view: InterventionView, ctx: ViewContext): SafeHtml {
  const { lang, strings } = ctx;
  const sv = swedish(lang);
  const title = view.title.fallback
    ? html`<span${textAttrs(view.title)}>${view.title.text}</span>`
    : view.title.text;
  const { email, phone, url } = view.contact;
  const municipalities = shortList(
    view.municipalities,
    ENTRY_MUNICIPALITIES_SHOWN,
    lang,
    strings['intervention.moreMunicipalities'],
  );
  const contact =
    email || phone || url
      ? fact(
          strings['intervention.contact'],
          html`<ul class="contact">${[
            email
              ? html`<li>${strings['intervention.email']}: <a href="mailto:${email}" dir="ltr">${email}</a></li>`
              : '',
            phone
              ? html`<li>${strings['intervention.phone']}: <a href="${phone.href}" dir="ltr">${phone.text}</a></li>`
              : '',
            url
              ? html`<li>${strings['intervention.website']}: <a href="${url.href}" dir="ltr">${url.text}</a></li>`
              : '',
          ]}</ul>`,
        )
      : '';
  return html`<article class="intervention" id="${view.anchor}"><h3><a href="${view.href}">${title}</a></h3>${
    view.subcategory ? html`<p class="tag">${view.subcategory}</p>` : ''
  }${notConfirmed(view, strings)}${view.onlySwedish ? html`<p class="only-swedish">${strings['intervention.onlySwedish']}</p>` : ''}${
    view.summary ? html`<p class="summary"${textAttrs(view.summary)}>${view.summary.text}</p>` : ''
  }<dl class="facts">${[
    fact(strings['intervention.municipalities'], inlineList(municipalities.shown, sv, municipalities.more)),
    view.languages.length ? fact(strings['intervention.languages'], inlineList(view.languages)) : '',
    fact(strings['intervention.audiences'], inlineList(view.audiences)),
    fact(strings['intervention.delivery'], view.delivery),
    fact(strings['intervention.provider'], html`<span${sv}>${view.provider}</span>`),
    contact,
    fact(strings['intervention.when'], view.when),
    fact(strings['intervention.lastReviewed'], view.lastReviewed ?? strings['intervention.notReviewed']),
  ]}</dl></article>`;
}

/**
 * Split a listing into pages of at most `size` entries, in order. A category that does not fit on the
 * current page but fits on a page of its own starts the next page when the current one is at least half
 * full; a category larger than a page continues on the next.
 */
export function paginate(groups: readonly CategoryGroup[], size: number): CategoryGroup[][] {
  const pages: CategoryGroup[][] = [[]];
  let room = size;
  for (const group of groups) {
    let items = group.items;
    if (items.length > room && items.length <= size && room <= size / 2) {
      pages.push([]);
      room = size;
    }
    while (items.length > 0) {
      if (room === 0) {
        pages.push([]);
        room = size;
      }
      const part = items.slice(0, room);
      pages.at(-1)!.push({ ...group, items: part });
      items = items.slice(part.length);
      room -= part.length;
    }
  }
  return pages;
}

function pagination(page: number, pages: number, href: (page: number) => string, ctx: ViewContext): SafeHtml {
  if (pages <= 1) return html``;
  const { strings, lang } = ctx;
  const numbers = Array.from({ length: pages }, (_, i) => i + 1).map(
    (n) =>
      html`<li><a href="${href(n)}"${n === page ? html` aria-current="page"` : ''}>${formatNumber(n, lang)}</a></li>`,
  );
  return html`<nav class="pagination" aria-label="${strings['pagination.label']}"><p>${interpolate(
    strings['pagination.page'],
    { page: formatNumber(page, lang), pages: formatNumber(pages, lang) },
  )}</p><ul>${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">${strings['pagination.previous']}</a></li>` : ''}${numbers}${
    page < pages
      ? html`<li><a href="${href(page + 1)}" rel="next">${strings['pagination.next']}</a></li>`
      : ''
  }</ul></nav>`;
}

/** Interventions grouped by category (a category navigation, one page of them), or the empty message. */
export function renderListing(
  groups: CategoryGroup[],
  ctx: ViewContext,
  options: ListingOptions = {},
): SafeHtml {
  const { strings, lang } = ctx;
  if (groups.length === 0) return html`<p class="empty">${strings['region.empty']}</p>`;
  const paging = options.paging;
  const pages = paging ? paginate(groups, paging.pageSize) : [groups];
  const page = paging ? Math.min(Math.max(1, paging.page), pages.length) : 1;
  const shown = pages[page - 1]!;
  /** The page where a category starts. */
  const firstPage = (code: string) => pages.findIndex((p) => p.some((group) => group.code === code)) + 1;
  const categoryHref = (group: CategoryGroup) =>
    paging && firstPage(group.code) !== page
      ? `${paging.pageHref(firstPage(group.code))}#${group.anchor}`
      : `#${group.anchor}`;
  const nav = options.nav
    ? html`<nav class="category-nav" aria-label="${strings['region.categories']}"><ul>${groups.map(
        (group) =>
          html`<li><a href="${categoryHref(group)}">${group.label} <span class="count">(${formatNumber(group.items.length, lang)})</span></a></li>`,
      )}</ul></nav>`
    : '';
  const pager = paging ? pagination(page, pages.length, paging.pageHref, ctx) : '';
  const sections = shown.map(
    (group) =>
      html`<section class="category" aria-labelledby="${group.anchor}"><h2 id="${group.anchor}">${group.label}</h2><ul class="interventions">${group.items.map(
        (view) => html`<li>${renderEntry(view, ctx)}</li>`,
      )}</ul></section>`,
  );
  return html`<div class="catalogue">${nav}${pager}${sections}${pager}</div>`;
}
