/**
 * Pages whose content is in the query string (the search, an intervention's page) keep it when the
 * visitor switches language: the built language links carry only the path, so the island copies
 * `location.search` onto them. Without JavaScript those pages have no query state to keep.
 */
export function syncLanguageLinks(search: string, root: ParentNode = document): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('.language-switcher a[href]')) {
    const url = new URL(link.href, location.href);
    url.search = search;
    link.setAttribute('href', `${url.pathname}${url.search}${url.hash}`);
  }
}
