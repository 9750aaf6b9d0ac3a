/**
 * Sign-in. LOCALLY: a development-only form where the administrator pastes a token printed by
 * `npm run token -- <regionId>`; the local server verifies it on every request.
 *
 * ┌─ PRODUCTION SIGN-IN (Cognito) — not implemented here ──────────────────────────────────────────┐
 * │ Replace the form below with one "Sign in" button that redirects to the Cognito Hosted UI        │
 * │ (authorization code flow with PKCE, the user pool's app client for this site), and a callback  │
 * │ that exchanges the code and calls `onSignedIn` with `sessionFromToken(idToken)`. Keep the token │
 * │ in sessionStorage under TOKEN_KEY, as now; sign-out also redirects to Cognito's /logout.       │
 * │ Production configurations refuse development tokens, so the form must not ship there.         │
 * └────────────────────────────────────────────────────────────────────────────────────────────────┘
 */
import { type FormEvent, useState } from 'react';
import { AdminApiError, createAdminApi } from '../../lib/admin/client.ts';
import { type AdminSession, sessionFromToken } from '../../lib/admin/jwt.ts';
import type { AdminLang } from '../../lib/admin/types.ts';
import type { AdminKey, T } from './i18n.ts';

export interface SignInProps {
  lang: AdminLang;
  tr: T;
  /** The command that prints a development token. */
  tokenCommand: string;
  /** Why the person is here again (signed out, session ended); announced. */
  notice: string | undefined;
  onSignedIn(session: AdminSession): void;
  explain(error: unknown): string;
}

const REASON_KEYS: Record<'empty' | 'malformed' | 'expired' | 'no-regions', AdminKey> = {
  empty: 'signIn.error.empty',
  malformed: 'signIn.error.malformed',
  expired: 'signIn.error.expired',
  'no-regions': 'signIn.error.no-regions',
};

export function SignIn({ lang, tr, tokenCommand, notice, onSignedIn, explain }: SignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);

  const fail = (message: string) => {
    setError(message);
    document.getElementById('admin-token')?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (checking) return;
    const result = sessionFromToken(token);
    if (!result.ok) {
      fail(tr(REASON_KEYS[result.reason]));
      return;
    }
    // The payload is only read for display; ask the API whether it accepts the token before going on.
    setChecking(true);
    setError(undefined);
    try {
      await createAdminApi({ token: result.session.token, lang }).versions(result.session.regions[0]!);
      onSignedIn(result.session);
    } catch (caught) {
      if (caught instanceof AdminApiError && caught.failure.kind === 'sign-in') {
        fail(tr('signIn.error.rejected'));
      } else if (caught instanceof AdminApiError && caught.failure.kind === 'not-found') {
        // A region the token names but this build does not know yet: the sign-in itself is good.
        onSignedIn(result.session);
      } else {
        fail(explain(caught));
      }
    } finally {
      setChecking(false);
    }
  }

  const [before, after] = tr('signIn.devNote').split('{command}');
  return (
    <section className="admin-panel" aria-labelledby="admin-signin-title">
      <h2 id="admin-signin-title" tabIndex={-1}>
        {tr('signIn.title')}
      </h2>
      <p className="admin-status" role="status">
        {checking ? tr('signIn.checking') : (notice ?? '')}
      </p>
      {/* DEVELOPMENT-ONLY SIGN-IN: replaced by the Cognito redirect in production (see the comment above). */}
      <div className="admin-dev-note">
        <p>
          <strong className="admin-badge">{tr('signIn.devBadge')}</strong> {before}
          <code>{tokenCommand}</code>
          {after}
        </p>
      </div>
      <form className="admin-form" onSubmit={submit} noValidate>
        <div className="admin-field">
          <label htmlFor="admin-token">{tr('signIn.tokenLabel')}</label>
          <p id="admin-token-hint" className="admin-hint">
            {tr('signIn.tokenHint')}
          </p>
          <textarea
            id="admin-token"
            name="token"
            rows={4}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={error ? 'admin-token-hint admin-token-error' : 'admin-token-hint'}
            aria-invalid={error ? true : undefined}
          />
          {error ? (
            <p id="admin-token-error" className="admin-field-error">
              {error}
            </p>
          ) : null}
        </div>
        <button
          type="submit"
          className="admin-button admin-button-primary"
          aria-disabled={checking || undefined}
        >
          {tr('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
