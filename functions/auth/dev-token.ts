/**
 * Development tokens: HS256 JWTs signed with a local secret, verified by the local server the way
 * API Gateway's JWT authorizer verifies Cognito tokens in AWS. Refused when the server runs with a
 * production configuration. Verification is strict: alg must be HS256 (never `none`), signature
 * compared in constant time, issuer/audience/expiry checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEV_ISSUER = 'insatsportalen-local';
export const DEV_AUDIENCE = 'insatsportalen-admin';
export const DEV_TOKEN_TTL_SECONDS = 12 * 3600;

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function signDevToken(
  secret: string,
  claims: { sub: string; name?: string; groups: string[] },
  now = Math.floor(Date.now() / 1000),
  ttlSeconds = DEV_TOKEN_TTL_SECONDS,
): string {
  const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64(
    JSON.stringify({
      sub: claims.sub,
      name: claims.name ?? claims.sub,
      'cognito:groups': claims.groups,
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      iat: now,
      exp: now + ttlSeconds,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export type VerifyResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

export function verifyDevToken(
  secret: string,
  token: string,
  now = Math.floor(Date.now() / 1000),
): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
    return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: unknown;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!header || typeof header !== 'object' || (header as { alg?: unknown }).alg !== 'HS256') {
    return { ok: false, reason: 'algorithm' };
  }
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature' };
  if (!claims || typeof claims !== 'object') return { ok: false, reason: 'malformed' };
  if (claims.iss !== DEV_ISSUER || claims.aud !== DEV_AUDIENCE) return { ok: false, reason: 'issuer' };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
