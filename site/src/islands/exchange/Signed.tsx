/**
 * The sign-in gate of the market and review pages: they reuse the administration page's sign-in (its
 * token in sessionStorage); without one, a link to sign in there.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { type ExchangeLang, type Tr, translator } from '../../i18n/exchange/t.ts';
import { forgetToken, type Session, sessionFromToken, storedToken } from './api.ts';

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
