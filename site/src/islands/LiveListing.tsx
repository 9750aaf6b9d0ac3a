/**
 * Island beside a build-time listing (a region's or a municipality's interventions). When JavaScript
 * runs, it asks the API whether a region has published since the build; if so it renders the fresh
 * list with the same renderer as the build (lib/listing-html.ts) and removes the built one, so newly
 * published data shows without a redeploy. Without JavaScript, while checking, or when anything fails,
 * the built list stays.
 *
 * The review routine (docs/review.md): the build left out the items hidden at its instant and noted the
 * overdue ones. A page viewed later may be wrong: `reviewChangeAt` is when one of its items next becomes
 * overdue or hidden. When the page is opened after that instant, the island reads the list again (even
 * though no version changed) and draws it with the note and without the hidden items, at `Date.now()`.
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
  reviewChangePassed,
  type Vocabulary,
  visibleItems,
} from '../lib/catalogue-view.ts';
import { renderListing } from '../lib/listing-html.ts';
import { fetchNewerCatalogue, fetchNewerMunicipality } from '../lib/live.ts';

export interface LiveListingProps {
  scope: { kind: 'region'; regionId: string } | { kind: 'municipality'; code: string };
  /** Region id → the catalogue version the page was built from (0: nothing published then). */
  versions: Record<string, number>;
  /** When one of the built list's items next becomes overdue or hidden (epoch ms; none: never). */
  reviewChangeAt?: number;
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

/** The list when it must be drawn again (a newer version, or `force`: a review state changed), else undefined. */
async function fetchFresh(
  scope: LiveListingProps['scope'],
  versions: Record<string, number>,
  force: boolean,
  signal: AbortSignal,
): Promise<RegionalItem[] | undefined> {
  if (scope.kind === 'municipality') return fetchNewerMunicipality(scope.code, versions, { signal, force });
  // Known version 0: any published version is newer, so the catalogue is read whatever its version.
  const known = force ? 0 : (versions[scope.regionId] ?? 0);
  const fresh = await fetchNewerCatalogue(scope.regionId, known, { signal });
  return fresh?.items.map((item) => ({ ...item, regionId: scope.regionId }));
}

export default function LiveListing(props: LiveListingProps) {
  const { scope, versions, lang, strings, vocab, builtListId, reviewChangeAt } = props;
  const [fresh, setFresh] = useState<{ items: RegionalItem[]; now: number } | undefined>(undefined);
  const scopeKey = scope.kind === 'region' ? `r:${scope.regionId}` : `m:${scope.code}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scopeKey and versions stand for scope
  useEffect(() => {
    const controller = new AbortController();
    const force = reviewChangePassed(reviewChangeAt, Date.now());
    fetchFresh(scope, versions, force, controller.signal)
      .then((items) => {
        if (!items) return;
        // The states now: hidden items leave the list, overdue ones get their note.
        const now = Date.now();
        setFresh({ items: visibleItems(items, now, vocab.reviewIntervals), now });
      })
      .catch(() => {
        // Offline, aborted or an unexpected answer: the build-time list is complete and stays.
      });
    return () => controller.abort();
  }, [scopeKey, JSON.stringify(versions), reviewChangeAt]);

  useEffect(() => {
    if (fresh) document.getElementById(builtListId)?.remove();
  }, [fresh, builtListId]);

  let markup: string | undefined;
  if (fresh) {
    const ctx = { lang, strings, vocab, now: fresh.now };
    const paging = props.paging;
    markup = renderListing(groupByCategory(fresh.items, ctx), ctx, {
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
