/**
 * The market and review pages' calls to the API: same origin, the administrator's token from the admin
 * page's sessionStorage (never stored anywhere else), failures as ApiError with the API's own message
 * (in the page's language) so the person reads what to do.
 */
import type { ExchangeLang } from '../../i18n/exchange/t.ts';

/** The key the administration page (islands/admin/AdminApp.tsx) keeps the token under. */
export const TOKEN_KEY = 'insatsportalen.admin.token';

export class ApiError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly details: unknown;
  constructor(status: number | undefined, code: string | undefined, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled
  }
}

export interface Session {
  token: string;
  name: string;
  regions: string[];
  expiresAt: number | undefined;
}

/** Who is signed in, read from the token FOR DISPLAY ONLY (the API verifies it on every call). */
export function sessionFromToken(token: string | null): Session | undefined {
  if (!token) return undefined;
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) =>
      c.charCodeAt(0),
    );
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const raw = claims['cognito:groups'];
    const groups = Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string') : [];
    const regions = groups
      .map((g) => /^region-([a-z][a-z0-9-]{1,39})-admin$/.exec(g)?.[1])
      .filter((r): r is string => !!r);
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
    if (exp !== undefined && exp < Date.now()) return undefined;
    const name =
      (typeof claims.name === 'string' && claims.name) || (typeof claims.sub === 'string' ? claims.sub : '');
    return { token, name, regions, expiresAt: exp };
  } catch {
    return undefined;
  }
}

export function createApi(token: string, lang: ExchangeLang, networkMessage: string) {
  return async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: 'application/json',
          'accept-language': lang,
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        cache: 'no-store',
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch {
      throw new ApiError(undefined, 'network', networkMessage);
    }
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string; details?: unknown } }
      | undefined;
    if (!response.ok) {
      throw new ApiError(
        response.status,
        body?.error?.code,
        body?.error?.message ?? `HTTP ${response.status}`,
        body?.error?.details,
      );
    }
    return body as T;
  };
}

export type Api = ReturnType<typeof createApi>;

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(lang: ExchangeLang, n: number): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });
    numberFormats.set(lang, format);
  }
  return format.format(n);
}

/** `2026-11-09 08:00` (UTC shown as local wall time of Sweden is not needed here: dates are what matter). */
export const formatDay = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');
export const formatWhen = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
