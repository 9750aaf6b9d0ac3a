/**
 * The administration page's island: sign in, choose a region, then upload (dry run → report and diff →
 * publish), the version history with rollback, editing one intervention, review confirmations, and the
 * template and exports. Plain React and fetch; the strings are the page's own (sv, en).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AdminApiError, createAdminApi } from '../../lib/admin/client.ts';
import type { FailureKind } from '../../lib/admin/errors.ts';
import { formatWhen } from '../../lib/admin/format.ts';
import { type AdminSession, sessionFromToken } from '../../lib/admin/jwt.ts';
import type { AdminLang, Intervention } from '../../lib/admin/types.ts';
import type { BuildData, PanelContext } from './context.ts';
import { DownloadsPanel } from './DownloadsPanel.tsx';
import { EditPanel } from './EditPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { type AdminKey, translator } from './i18n.ts';
import { ReviewPanel } from './ReviewPanel.tsx';
import { SignIn } from './SignIn.tsx';
import { UploadPanel } from './UploadPanel.tsx';

/** sessionStorage only: the sign-in ends with the tab; never localStorage, never a cookie. */
export const TOKEN_KEY = 'insatsportalen.admin.token';

export interface AdminAppProps extends BuildData {
  lang: AdminLang;
  tokenCommand: string;
}

const FAILURE_KEYS: Record<FailureKind, AdminKey> = {
  'sign-in': 'failure.sign-in',
  forbidden: 'failure.forbidden',
  'not-found': 'failure.not-found',
  conflict: 'failure.conflict',
  state: 'failure.state',
  'too-large': 'failure.too-large',
  unsupported: 'failure.unsupported',
  invalid: 'failure.invalid',
  unavailable: 'failure.unavailable',
  network: 'failure.network',
};
/** Failures where the API's own message says best what happened; ours adds what to do. */
const API_MESSAGE_FIRST = new Set<FailureKind>(['forbidden', 'not-found', 'state', 'invalid']);

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
function storeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage disabled: the sign-in lasts until the page is left.
  }
}

export default function AdminApp({ lang, tokenCommand, ...data }: AdminAppProps) {
  const tr = useMemo(() => translator(lang), [lang]);
  const [phase, setPhase] = useState<'starting' | 'out' | 'in'>('starting');
  const [session, setSession] = useState<AdminSession>();
  const [notice, setNotice] = useState<string>();
  const [regionId, setRegionId] = useState('');
  const [regionStatus, setRegionStatus] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  const focus = useCallback((id: string) => setFocusId(id), []);

  const enter = useCallback((next: AdminSession) => {
    setSession(next);
    setRegionId((current) => (next.regions.includes(current) ? current : next.regions[0]!));
    setNotice(undefined);
    setPhase('in');
  }, []);

  useEffect(() => {
    const token = storedToken();
    const restored = token ? sessionFromToken(token) : undefined;
    if (restored?.ok) enter(restored.session);
    else {
      if (token) {
        storeToken(null);
        setNotice(tr('signIn.sessionEnded'));
      }
      setPhase('out');
    }
  }, [enter, tr]);

  const signOut = useCallback(
    (why: 'user' | 'ended') => {
      storeToken(null);
      setSession(undefined);
      setNotice(tr(why === 'user' ? 'signIn.signedOut' : 'signIn.sessionEnded'));
      setPhase('out');
      setFocusId('admin-signin-title');
    },
    [tr],
  );

  const explain = useCallback(
    (error: unknown): string => {
      if (!(error instanceof AdminApiError)) return tr('failure.network');
      const { kind, message } = error.failure;
      if (kind === 'sign-in') {
        signOut('ended');
        return tr('failure.sign-in');
      }
      const own = tr(FAILURE_KEYS[kind]);
      return API_MESSAGE_FIRST.has(kind) && message ? `${message} ${own}` : own;
    },
    [signOut, tr],
  );

  const api = useMemo(
    () => (session ? createAdminApi({ token: session.token, lang }) : undefined),
    [session, lang],
  );

  if (phase === 'starting') return <p className="admin-loading">{tr('page.loading')}</p>;
  if (phase === 'out' || !session || !api) {
    return (
      <SignIn
        lang={lang}
        tr={tr}
        tokenCommand={tokenCommand}
        notice={notice}
        explain={explain}
        onSignedIn={(next) => {
          storeToken(next.token);
          enter(next);
          setFocusId('admin-session-title');
        }}
      />
    );
  }

  const regionName = (id: string) => data.regions.find((r) => r.id === id)?.name ?? id;
  const region = data.regions.find((r) => r.id === regionId) ?? {
    id: regionId,
    name: regionId,
    municipalities: [],
  };

  return (
    <>
      <section className="admin-panel admin-session" aria-labelledby="admin-session-title">
        <h2 id="admin-session-title" tabIndex={-1}>
          {tr('session.signedInAs', { name: session.name })}
        </h2>
        <dl className="admin-facts">
          <div>
            <dt>{tr('session.account')}</dt>
            <dd>{session.subject}</dd>
          </div>
          <div>
            <dt>{tr('session.regions')}</dt>
            <dd>{session.regions.map(regionName).join(', ')}</dd>
          </div>
          {session.expiresAt ? (
            <div>
              <dt>{tr('session.expires')}</dt>
              <dd>{formatWhen(new Date(session.expiresAt).toISOString(), lang)}</dd>
            </div>
          ) : null}
        </dl>
        <button type="button" className="admin-button" onClick={() => signOut('user')}>
          {tr('session.signOut')}
        </button>
        <div className="admin-field admin-region">
          <label htmlFor="admin-region">{tr('region.label')}</label>
          <p id="admin-region-hint" className="admin-hint">
            {tr('region.hint')}
          </p>
          <select
            id="admin-region"
            value={regionId}
            aria-describedby="admin-region-hint"
            onChange={(e) => {
              setRegionId(e.target.value);
              setRegionStatus(tr('region.chosen', { region: regionName(e.target.value) }));
            }}
          >
            {session.regions.map((id) => (
              <option key={id} value={id}>
                {regionName(id)}
              </option>
            ))}
          </select>
          <p className="admin-status" role="status">
            {regionStatus}
          </p>
        </div>
      </section>
      <RegionWork
        key={`${session.token}:${region.id}`}
        lang={lang}
        tr={tr}
        api={api}
        session={session}
        region={region}
        data={data}
        explain={explain}
        focus={focus}
      />
    </>
  );
}

type RegionWorkProps = Omit<PanelContext, 'items' | 'revision' | 'published'>;

/** Everything for one region; keyed by region, so choosing another starts afresh. */
function RegionWork(props: RegionWorkProps) {
  const { api, region, explain, tr } = props;
  const [revision, setRevision] = useState(0);
  const [items, setItems] = useState<Intervention[]>();
  const [itemsError, setItemsError] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is the trigger: every publish reloads
  useEffect(() => {
    const controller = new AbortController();
    api.items(region.id, controller.signal).then(
      (loaded) => {
        setItems(loaded);
        setItemsError(undefined);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setItemsError(explain(error));
      },
    );
    return () => controller.abort();
  }, [api, region.id, revision, explain]);

  const ctx: PanelContext = {
    ...props,
    items,
    revision,
    published: () => setRevision((r) => r + 1),
  };
  const sections = [
    ['admin-upload', tr('upload.title')],
    ['admin-history', tr('history.title')],
    ['admin-edit', tr('edit.title')],
    ['admin-review', tr('review.title')],
    ['admin-downloads', tr('downloads.title')],
  ] as const;
  return (
    <>
      <nav className="admin-contents" aria-label={tr('page.contents')}>
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}-title`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <UploadPanel ctx={ctx} />
      <HistoryPanel ctx={ctx} />
      <EditPanel ctx={ctx} loadError={itemsError} />
      <ReviewPanel ctx={ctx} />
      <DownloadsPanel ctx={ctx} />
    </>
  );
}
