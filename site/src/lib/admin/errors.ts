/**
 * Every failure of an admin request as something a person can act on: what happened (the API's own
 * message in the page's language when it sent one) and what kind of failure it is, which decides what
 * the page says to do next and whether it sends the person back to sign in.
 */
import type { AdminLang, ApiErrorBody } from './types.ts';

export type FailureKind =
  /** 401: no token, a bad one or an expired one → back to sign-in. */
  | 'sign-in'
  /** 403: the account does not administer this region. */
  | 'forbidden'
  /** 404: the region, version or intervention does not exist (any more). */
  | 'not-found'
  /** 409 publish-conflict: another publish for the region won; nothing of this one was published. */
  | 'conflict'
  /** 409 already-live and other 409s: the API's message says why. */
  | 'state'
  /** 413: the file is too large. */
  | 'too-large'
  /** 415: a file type the API cannot read. */
  | 'unsupported'
  /** 400 and 422 without a report: the request itself was wrong. */
  | 'invalid'
  /** 429, 5xx: the service is busy or down; nothing changed; try later. */
  | 'unavailable'
  /** No answer at all (offline, DNS, a proxy). */
  | 'network';

export interface Failure {
  kind: FailureKind;
  status: number | undefined;
  code: string | undefined;
  /** The API's explanation in the page's language, when it gave one. */
  message: string | undefined;
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (!body || typeof body !== 'object') return false;
  const error = (body as { error?: unknown }).error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function failureKindOf(status: number | undefined, code: string | undefined): FailureKind {
  if (status === undefined || status === 0) return 'network';
  if (status === 401) return 'sign-in';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return code === 'publish-conflict' || code === undefined ? 'conflict' : 'state';
  if (status === 413) return 'too-large';
  if (status === 415) return 'unsupported';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'invalid';
}

/** A failed answer (status and parsed body, if any) or a thrown network error, explained. */
export function explainFailure(status: number | undefined, body: unknown, lang: AdminLang): Failure {
  const error = isApiErrorBody(body) ? body.error : undefined;
  const message = error ? error.messages?.[lang] || error.message : undefined;
  return { kind: failureKindOf(status, error?.code), status, code: error?.code, message };
}
