/**
 * Island beside a build-time listing (a region's or a municipality's interventions). When JavaScript
 * runs, it asks the API whether a region has published since the build; if so it renders the fresh
 * list with the same renderer as the build (lib/listing-html.ts) and removes the built one, so newly
 * published data shows without a redeploy. Without JavaScript, while checking, or when anything fails,
 * the built list stays.
 *
 * The built list is the island's sibling (element id `builtListId`), not its children: as children it
 * would be copied into the island's server render and hashed, which cost ~15 % of the 60,000-item build.
 */
import { useEffect, useState } from 'react';
import type { UiLanguage } from '../../../shared/languages.ts';
import {
  groupByCategory,
  type ListStrings,
  type RegionalItem,
  type Vocabulary,
} from '../lib/catalogue-view.ts';
import { renderListing } from '../lib/listing-html.ts';
import { fetchNewerCatalogue, fetchNewerMunicipality } from '../lib/live.ts';

export interface LiveListingProps {
  scope: { kind: 'region'; regionId: string } | { kind: 'municipality'; code: string };
  /** Region id → the catalogue version the page was built from (0: nothing published then). */
  versions: Record<string, number>;
  lang: UiLanguage;
  strings: ListStrings & { 'region.live.updated': string };
  vocab: Vocabulary;
  /** As the build rendered it: a category navigation, and which page of the listing. */
  nav?: boolean;
  /** One page of a municipality's listing; `base` is its first page, page n is `${base}${n}/`. */
  paging?: { page: number; pageSize: number; base: string };
  /** The element holding the built list, replaced by the fresh one. */
  builtListId: string;
}

async function fetchFresh(
  scope: LiveListingProps['scope'],
  versions: Record<string, number>,
  signal: AbortSignal,
): Promise<RegionalItem[] | undefined> {
  if (scope.kind === 'municipality') return fetchNewerMunicipality(scope.code, versions, { signal });
  const fresh = await fetchNewerCatalogue(scope.regionId, versions[scope.regionId] ?? 0, { signal });
  return fresh?.items.map((item) => ({ ...item, regionId: scope.regionId }));
}

export default function LiveListing(props: LiveListingProps) {
  const { scope, versions, lang, strings, vocab, builtListId } = props;
  const [fresh, setFresh] = useState<RegionalItem[] | undefined>(undefined);
  const scopeKey = scope.kind === 'region' ? `r:${scope.regionId}` : `m:${scope.code}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scopeKey and versions stand for scope
  useEffect(() => {
    const controller = new AbortController();
    fetchFresh(scope, versions, controller.signal)
      .then((items) => {
        if (items) setFresh(items);
      })
      .catch(() => {
        // Offline, aborted or an unexpected answer: the build-time list is complete and stays.
      });
    return () => controller.abort();
  }, [scopeKey, JSON.stringify(versions)]);

  useEffect(() => {
    if (fresh) document.getElementById(builtListId)?.remove();
  }, [fresh, builtListId]);

  let markup: string | undefined;
  if (fresh) {
    const ctx = { lang, strings, vocab };
    const paging = props.paging;
    markup = renderListing(groupByCategory(fresh, ctx), ctx, {
      nav: props.nav,
      paging: paging && {
        page: paging.page,
        pageSize: paging.pageSize,
        pageHref: (page) => (page > 1 ? `${paging.base}${page}/` : paging.base),
      },
    }).value;
  }

  return (
    <div className="live-catalogue" data-fresh={fresh ? 'true' : undefined}>
      <p className="live-status" role="status">
        {fresh ? strings['region.live.updated'] : ''}
      </p>
      {markup !== undefined ? (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: renderListing escapes every value (lib/html.ts); the build uses the same renderer
        <div dangerouslySetInnerHTML={{ __html: markup }} />
      ) : null}
    </div>
  );
}
