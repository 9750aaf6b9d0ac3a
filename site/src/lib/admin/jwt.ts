/**
 * Who is signed in, read from the token's payload FOR DISPLAY ONLY. The browser never trusts these
 * claims: the API (API Gateway's JWT authorizer in AWS, the local server for development tokens)
 * verifies the signature on every request and answers 401/403 when the token is not good enough.
 */

export interface AdminSession {
  token: string;
  subject: string;
  /** The person's name (or e-mail, or subject) for "signed in as". */
  name: string;
  /** Region ids from the `cognito:groups` claim (`region-<id>-admin`), in the token's order. */
  regions: string[];
  countyBoard: boolean;
  /** Expiry (ms since the epoch), when the token says. */
  expiresAt: number | undefined;
}

export type SessionResult =
  | { ok: true; session: AdminSession }
  | { ok: false; reason: 'empty' | 'malformed' | 'expired' | 'no-regions' };

/** Decode one base64url segment to text (UTF-8: names such as "Anna Administratör"). */
function base64UrlToText(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The JSON payload of a JWT (`header.payload.signature`), or undefined when it is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p)) || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(base64UrlToText(parts[1]));
    return payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Groups as Cognito puts them in a token (an array), or as API Gateway flattens them ("[a b]", "a,b"). */
function groupsOf(claims: Record<string, unknown>): string[] {
  const raw = claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  if (typeof raw === 'string') {
    return raw
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return [];
}

/**
 * A pasted token (whitespace and a leading "Bearer " are forgiven) as a session to show, or why not.
 * `now` in ms. A token that expires within the next minute counts as expired.
 */
export function sessionFromToken(pasted: string, now = Date.now()): SessionResult {
  const token = pasted.trim().replace(/^Bearer\s+/i, '');
  if (!token) return { ok: false, reason: 'empty' };
  const claims = decodeJwtPayload(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : undefined;
  if (exp !== undefined && exp <= now + 60_000) return { ok: false, reason: 'expired' };
  const groups = groupsOf(claims);
  const regions = groups
    .map((g) => /^region-([a-z][a-z0-9-]{1,39})-admin$/.exec(g)?.[1])
    .filter((r): r is string => Boolean(r));
  if (regions.length === 0) return { ok: false, reason: 'no-regions' };
  const subject = typeof claims['sub'] === 'string' ? claims['sub'] : '';
  const name =
    (typeof claims['name'] === 'string' && claims['name']) ||
    (typeof claims['email'] === 'string' && claims['email']) ||
    subject;
  return {
    ok: true,
    session: {
      token,
      subject,
      name,
      regions: [...new Set(regions)],
      countyBoard: groups.includes('county-board'),
      expiresAt: exp,
    },
  };
}
