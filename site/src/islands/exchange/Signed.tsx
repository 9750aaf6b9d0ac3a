/**
 * The sign-in gate of the market and review pages: they reuse the administration page's sign-in (its
 * token in sessionStorage); without one, a link to sign in there.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ExchangeLang, type Tr, translator } from '../../i18n/exchange/t.ts';
import {
  type Api,
  ApiError,
  createApi,
  forgetToken,
  type Session,
  sessionFromToken,
  storedToken,
} from './api.ts';

export function useSession(): { session: Session | undefined; ready: boolean; end(): void } {
  const [session, setSession] = useState<Session>();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setSession(sessionFromToken(storedToken()));
    setReady(true);
  }, []);
  const end = useCallback(() => {
    forgetToken();
    setSession(undefined);
  }, []);
  return { session, ready, end };
}

export function SignInFirst({ tr, ended }: { tr: Tr; ended?: boolean }): ReactNode {
  return (
    <div className="admin-dev-note" role="status">
      <p>{tr(ended ? 'session.ended' : 'session.none')}</p>
      <p>
        <a className="admin-button admin-link-button" href="/admin/">
          {tr('session.signInLink')}
        </a>
      </p>
    </div>
  );
}

export function SessionLine({
  tr,
  session,
  regionNames,
}: {
  tr: Tr;
  session: Session;
  regionNames: Record<string, string>;
}) {
  return (
    <p className="admin-hint">
      {tr('session.as', { name: session.name })} ·{' '}
      {tr('session.regions', { regions: session.regions.map((r) => regionNames[r] ?? r).join(', ') })}
    </p>
  );
}

/** The whole gate of a signed-in page: checking, sign in first, or the page with its session. */
export function SessionGate({
  lang,
  render,
}: {
  lang: ExchangeLang;
  render(tr: Tr, session: Session, onEnded: () => void): ReactNode;
}): ReactNode {
  const tr = useMemo(() => translator(lang), [lang]);
  const { session, ready, end } = useSession();
  const [ended, setEnded] = useState(false);
  const onEnded = useCallback(() => {
    setEnded(true);
    end();
  }, [end]);
  if (!ready) return <p role="status">{tr('session.checking')}</p>;
  if (!session) return <SignInFirst tr={tr} ended={ended} />;
  return render(tr, session, onEnded);
}

/**
 * The API of a signed-in page, and `explain`: the message for a failure (the API's own, in the page's
 * language); a 401 ends the session, so the page shows the sign-in link.
 */
export function useSignedApi(
  session: Session,
  lang: ExchangeLang,
  tr: Tr,
  onEnded: () => void,
): { api: Api; explain(caught: unknown): string } {
  const api = useMemo(() => createApi(session.token, lang, tr('error.network')), [session.token, lang, tr]);
  const ended = useRef(onEnded);
  ended.current = onEnded;
  const explain = useCallback(
    (caught: unknown): string => {
      if (caught instanceof ApiError && caught.status === 401) {
        ended.current();
        return tr('session.ended');
      }
      return caught instanceof ApiError ? caught.message : tr('error.generic');
    },
    [tr],
  );
  return { api, explain };
}
