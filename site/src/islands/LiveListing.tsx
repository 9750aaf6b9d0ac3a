/**
 * Island around a build-time listing (a region's or a municipality's interventions). When JavaScript
 * runs, it asks the API whether a region has published since the build; if so it renders the fresh
 * list with the same renderer as the build (lib/listing-html.ts), so newly published data shows without
 * a redeploy. Without JavaScript, while checking, or when anything fails, the build-time list stays.
 */
import { type ReactNode, useEffect, useState } from 'react';
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
  /** As the build rendered it: a category navigation, a cap per category, "show all" in the search. */
  nav?: boolean;
  maxPerCategory?: number;
  /** The search filtered to this page; "show all" of a category appends `&category=<code>`. */
  showAllSearch?: string;
  children?: ReactNode;
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
  const { scope, versions, lang, strings, vocab, children } = props;
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

  let markup: string | undefined;
  if (fresh) {
    const ctx = { lang, strings, vocab };
    const search = props.showAllSearch;
    markup = renderListing(groupByCategory(fresh, ctx), ctx, {
      nav: props.nav,
      maxPerCategory: props.maxPerCategory,
      showAllHref: search ? (code) => `${search}&category=${encodeURIComponent(code)}` : undefined,
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
      ) : (
        children
      )}
    </div>
  );
}
