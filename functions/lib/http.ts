/**
 * The HTTP edge shared by every handler: API Gateway HTTP API (payload v2) events in, results out,
 * zod validation of path and query with clear 400s, and one error middleware that turns every error
 * into the brief's shape `{ error: { code, message, messages, details } }` — 5xx never carry internals.
 */
import middy from '@middy/core';
import { z } from 'zod';
import { HttpError, internalError, type Messages } from './errors.ts';
import { log } from './log.ts';

export interface HttpEvent {
  version?: '2.0';
  routeKey?: string;
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    requestId?: string;
    http: { method: string; path: string };
    authorizer?: { jwt?: { claims?: Record<string, unknown>; scopes?: string[] } };
  };
}

/**
 * A result body's UTF-8 bytes, in pieces, when a handler keeps them with a cached answer: a server that
 * writes bytes (the local server, as API Gateway would) uses them instead of encoding the same text on
 * every request — for a 30 kB multilingual answer that encoding was most of a cached request's cost.
 * A symbol key, so it is no part of the result Lambda hands to API Gateway.
 */
export const BODY_BYTES: unique symbol = Symbol('body bytes');

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  [BODY_BYTES]?: readonly Uint8Array[];
}

/** Text with its UTF-8 bytes, for a body written once and sent many times. */
export interface EncodedText {
  readonly text: string;
  readonly bytes: Uint8Array;
}

export const encodeText = (text: string): EncodedText => ({ text, bytes: Buffer.from(text, 'utf8') });

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { ...BASE_HEADERS, 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}

export function text(
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): HttpResult {
  return { statusCode, headers: { ...BASE_HEADERS, 'content-type': contentType, ...headers }, body };
}

/** A text result whose body is `pieces` joined, with their bytes ([BODY_BYTES]). */
export function encodedText(
  statusCode: number,
  pieces: readonly EncodedText[],
  contentType: string,
): HttpResult {
  let body = '';
  for (const piece of pieces) body += piece.text;
  const result = text(statusCode, body, contentType);
  result[BODY_BYTES] = pieces.map((piece) => piece.bytes);
  return result;
}

/** Lower-cased header lookup (API Gateway v2 lower-cases them already; the local server does too). */
export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

const NoCacheSchema = z
  .string()
  .max(1_000)
  .optional()
  .transform((value) => value !== undefined && /(^|,)\s*(no-cache|no-store|max-age=0)\s*(,|$)/i.test(value))
  .catch(false);

/**
 * Whether the request asks for a fresh answer (`Cache-Control: no-cache`, `no-store` or `max-age=0`),
 * as a browser's reload and the admin pages after a change do. Any other value, or none, is false.
 */
export function wantsFresh(event: HttpEvent): boolean {
  return NoCacheSchema.parse(header(event, 'cache-control'));
}

/** Swedish unless the caller prefers English (Accept-Language or ?lang=en). */
export function preferredMessageLanguage(event: HttpEvent): 'sv' | 'en' {
  const lang = event.queryStringParameters?.lang;
  if (lang === 'en') return 'en';
  if (lang === 'sv') return 'sv';
  const accept = header(event, 'accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'sv';
}

function describeIssues(issues: readonly z.core.$ZodIssue[]) {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

function invalid(where: 'path' | 'query' | 'body', issues: readonly z.core.$ZodIssue[]): HttpError {
  const fields = [...new Set(issues.map((i) => i.path.map(String).join('.') || where))].join(', ');
  const messages: Messages = {
    path: {
      sv: `Adressen innehåller ett ogiltigt värde (${fields}).`,
      en: `The address contains an invalid value (${fields}).`,
    },
    query: {
      sv: `Sökparametern är ogiltig: ${fields}. Kontrollera värdet och försök igen.`,
      en: `Invalid query parameter: ${fields}. Check the value and try again.`,
    },
    body: {
      sv: `Innehållet är ogiltigt: ${fields}.`,
      en: `The request body is invalid: ${fields}.`,
    },
  }[where];
  return new HttpError(400, `invalid-${where}`, messages, { details: describeIssues(issues) });
}

export function parsePath<S extends z.ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const result = schema.safeParse(event.pathParameters ?? {});
  if (!result.success) throw invalid('path', result.error.issues);
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (!result.success) throw invalid('query', result.error.issues);
  return result.data;
}

export function parseJsonBody<S extends z.ZodType>(schema: S, event: HttpEvent): z.output<S> {
  let value: unknown;
  try {
    const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
    value = JSON.parse(raw ?? '');
  } catch {
    throw new HttpError(400, 'invalid-json', {
      sv: 'Innehållet är inte giltig JSON.',
      en: 'The request body is not valid JSON.',
    });
  }
  if (!isSafeJson(value)) {
    throw new HttpError(400, 'unsafe-json', {
      sv: `Innehållet är för djupt nästlat eller har otillåtna nycklar (${[...FORBIDDEN_KEYS].join(', ')}).`,
      en: `The request body is nested too deeply or has forbidden keys (${[...FORBIDDEN_KEYS].join(', ')}).`,
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalid('body', result.error.issues);
  return result.data;
}

/** Keys that could pollute prototypes when copied, and the deepest nesting a body may have. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_JSON_DEPTH = 20;

/** True when a parsed JSON value has no prototype-pollution keys and is not nested too deeply. */
export function isSafeJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => isSafeJson(v, depth + 1));
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    if (!isSafeJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** The raw body as bytes, whatever the transport encoding. */
export function bodyBytes(event: HttpEvent): Uint8Array {
  if (!event.body) return new Uint8Array(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

export function errorResult(error: unknown, event: HttpEvent | undefined): HttpResult {
  const known = error instanceof HttpError ? error : internalError();
  if (!(error instanceof HttpError) || known.statusCode >= 500) {
    log.error('request failed', {
      route: event?.routeKey ?? event?.requestContext?.http?.method,
      path: event?.requestContext?.http?.path,
      requestId: event?.requestContext?.requestId,
      status: known.statusCode,
      error: error instanceof HttpError && error.cause ? error.cause : error,
    });
  }
  const lang = event ? preferredMessageLanguage(event) : 'sv';
  const body: Record<string, unknown> = {
    code: known.code,
    message: known.messages[lang],
    messages: known.messages,
  };
  if (known.details !== undefined && known.statusCode < 500) body.details = known.details;
  return json(known.statusCode, { error: body }, known.headers);
}

/** Error middleware: every failure leaves as the brief's error shape. */
function httpErrors(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'httpErrors',
    onError: (request) => {
      request.response = errorResult(request.error, request.event);
    },
  };
}

export type HttpFunction = (event: HttpEvent) => Promise<HttpResult>;

/** Wrap a handler function as a middy Lambda handler with the project's HTTP conventions. */
export function httpHandler(fn: HttpFunction, ...middlewares: middy.MiddlewareObj<HttpEvent, HttpResult>[]) {
  let chain = middy<HttpEvent, HttpResult>().use(httpErrors());
  for (const m of middlewares) chain = chain.use(m);
  return chain.handler(async (event: HttpEvent) => fn(event));
}

/** An uploaded file's base name, for the records: from ?fileName= or Content-Disposition, printable only. */
export function uploadFileName(event: HttpEvent, fromQuery?: string): string | undefined {
  const disposition = header(event, 'content-disposition') ?? '';
  const raw = fromQuery ?? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  if (!raw) return undefined;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep it as written
  }
  return (
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 120) || undefined
  );
}
