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
  /** At most this many entries per category; the rest are reached through `showAllHref`. */
  maxPerCategory?: number;
  /** Where "show all" of a category leads (the search, filtered to this page and category). */
  showAllHref?: (categoryCode: string) => string;
  /** Counts per category when they exceed what is listed (defaults to the listed items). */
  counts?: Record<string, number>;
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
  return html`<article class="intervention" id="${view.anchor}" aria-labelledby="${view.anchor}-t"><h3 id="${view.anchor}-t"><a href="${view.href}">${title}</a></h3>${
    view.subcategory ? html`<p class="tag">${view.subcategory}</p>` : ''
  }${view.onlySwedish ? html`<p class="only-swedish">${strings['intervention.onlySwedish']}</p>` : ''}${
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

/** Interventions grouped by category (and optionally a category navigation), or the empty message. */
export function renderListing(
  groups: CategoryGroup[],
  ctx: ViewContext,
  options: ListingOptions = {},
): SafeHtml {
  const { strings, lang } = ctx;
  if (groups.length === 0) return html`<p class="empty">${strings['region.empty']}</p>`;
  const count = (group: CategoryGroup) => options.counts?.[group.code] ?? group.items.length;
  const nav = options.nav
    ? html`<nav class="category-nav" aria-label="${strings['region.categories']}"><ul>${groups.map(
        (group) =>
          html`<li><a href="#${group.anchor}">${group.label} <span class="count">(${formatNumber(count(group), lang)})</span></a></li>`,
      )}</ul></nav>`
    : '';
  const sections = groups.map((group) => {
    const shown =
      options.maxPerCategory !== undefined ? group.items.slice(0, options.maxPerCategory) : group.items;
    const hidden = count(group) > shown.length;
    const showAll =
      hidden && options.showAllHref
        ? html`<p class="show-all"><a href="${options.showAllHref(group.code)}">${interpolate(
            strings['listing.showAll'],
            { category: group.label, count: formatNumber(count(group), lang) },
          )}</a></p>`
        : '';
    return html`<section class="category" aria-labelledby="${group.anchor}"><h2 id="${group.anchor}">${group.label}</h2><ul class="interventions">${shown.map(
      (view) => html`<li>${renderEntry(view, ctx)}</li>`,
    )}</ul>${showAll}</section>`;
  });
  return html`<div class="catalogue">${nav}${sections}</div>`;
}
