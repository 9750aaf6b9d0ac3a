/**
 * The local portal: one HTTP server that routes /api/* to the very same Lambda handlers (with API
 * Gateway HTTP API v2 events) and serves the built Astro site for everything else, as CloudFront will.
 * `startPortal` also starts the embedded DynamoDB, creates the stores and loads the demo catalogues.
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { regionGroup } from '../functions/auth/claims.ts';
import { signDevToken, verifyDevToken } from '../functions/auth/dev-token.ts';
import { REGISTRY_TABLE_ENV } from '../functions/lib/config.ts';
import { resetDocumentClient } from '../functions/lib/dynamo.ts';
import { HttpError, payloadTooLarge } from '../functions/lib/errors.ts';
import { BODY_BYTES, errorResult, type HttpEvent, type HttpResult } from '../functions/lib/http.ts';
import { clearRegistryCache, putRegions } from '../functions/registry/store.ts';
import { matchRoute, type Route } from '../functions/routes.ts';
import { LIMITS } from '../shared/limits.ts';
import type { RegionConfig } from '../shared/region.ts';
import { SECURITY_HEADERS } from '../shared/security-headers.ts';
import { ADMIN_PROCESS_ENV, type AdminMessage } from './admin-process.ts';
import { pointSdkAt, startEmbeddedDynamo, startEmbeddedDynamoProcess } from './embedded-dynamo.ts';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { loadRegionsConfig } from './regions-config.ts';
import { seedDemoCatalogues } from './seed.ts';
import { ensureTables } from './tables.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_SITE_DIR = join(ROOT, 'site', 'dist');
export const REGISTRY_TABLE = 'insats-registry';
/** Bodies above the upload limit are refused before they reach a handler (API Gateway does the same). */
const MAX_BODY_BYTES = LIMITS.maxUploadBytes + 64 * 1024;

export interface PortalOptions {
  port?: number;
  host?: string;
  /** Run the embedded DynamoDB in its own process (the load test), instead of in this one. */
  dynamoProcess?: boolean;
  /**
   * Run the admin routes in a process of their own (local/admin-process.ts), as AWS runs them in other
   * functions than the public ones: an upload then never stalls newcomers' requests. The load test does.
   */
  adminProcess?: boolean;
  /** Per-client rate limit on /api/*; false turns it off (the load test drives from one client). */
  rateLimit?: RateLimitOptions | false;
  /** Persist the embedded DynamoDB here; undefined = in memory. */
  dataDir?: string;
  siteDir?: string;
  seedDemo?: boolean;
  /** 'production' makes the server refuse development tokens. */
  stage?: 'local' | 'test' | 'production';
  devTokenSecret?: string;
  regions?: RegionConfig[];
}

export interface Portal {
  url: string;
  dynamoEndpoint: string;
  regions: RegionConfig[];
  seeded: string[];
  devTokenSecret: string;
  /** A development administrator token for the given regions. */
  tokenFor(regionIds: string[], name?: string): string;
  close(): Promise<void>;
}

type LambdaHandler = (event: HttpEvent, context: unknown) => Promise<HttpResult>;
const handlerCache = new Map<string, Promise<LambdaHandler>>();

function loadHandler(route: Route): Promise<LambdaHandler> {
  let loaded = handlerCache.get(route.entry);
  if (!loaded) {
    loaded = import(join(ROOT, route.entry)).then((module: { handler: LambdaHandler }) => module.handler);
    handlerCache.set(route.entry, loaded);
  }
  return loaded;
}

function lambdaContext(name: string) {
  const deadline = Date.now() + 30_000;
  return {
    functionName: name,
    awsRequestId: randomUUID(),
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const tooLarge = () => payloadTooLarge(LIMITS.maxUploadBytes);

function unauthorized(): HttpError {
  return new HttpError(401, 'unauthorized', {
    sv: 'Du behöver logga in som administratör.',
    en: 'You need to sign in as an administrator.',
  });
}

/** A result's body as written: the bytes a handler kept with it, else its text (binary ones decoded). */
function bodyOf(result: HttpResult): string | readonly Uint8Array[] {
  const kept = result[BODY_BYTES];
  if (kept) return kept;
  if (!result.body) return '';
  return result.isBase64Encoded ? [Buffer.from(result.body, 'base64')] : result.body;
}

function send(res: ServerResponse, result: HttpResult, method: string): void {
  const headers = { ...SECURITY_HEADERS, ...(result.headers ?? {}) };
  // A text body is written as a string (encoded once, into the socket's buffer); bytes piece by piece,
  // corked into one write.
  const body = bodyOf(result);
  let length = 0;
  if (typeof body === 'string') length = Buffer.byteLength(body, 'utf8');
  else for (const piece of body) length += piece.byteLength;
  res.writeHead(result.statusCode, { ...headers, 'content-length': String(length) });
  if (method === 'HEAD' || length === 0) res.end();
  else if (typeof body === 'string') res.end(body, 'utf8');
  else {
    res.cork();
    for (const piece of body) res.write(piece);
    res.end();
    res.uncork();
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Resolve a URL path inside the site folder with CloudFront's directory-index rule; never outside it. */
export function resolveSitePath(siteDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const lastSegment = decoded.split('/').pop() ?? '';
  const withIndex =
    decoded.endsWith('/') || !lastSegment.includes('.') ? join(decoded, 'index.html') : decoded;
  const root = resolve(siteDir);
  const file = resolve(root, `.${sep}${normalize(withIndex)}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return file;
}

function serveStatic(siteDir: string, req: IncomingMessage, res: ServerResponse, urlPath: string): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const file = resolveSitePath(siteDir, urlPath);
  const found = file && existsSync(file) && statSync(file).isFile() ? file : undefined;
  // A directory without its trailing slash redirects, as the built site links with trailing slashes.
  if (
    !found &&
    file &&
    !urlPath.endsWith('/') &&
    existsSync(join(file, '..')) &&
    file.endsWith('index.html')
  ) {
    const dir = join(file, '..');
    if (existsSync(join(dir, 'index.html'))) {
      res.writeHead(301, { ...SECURITY_HEADERS, location: `${urlPath}/` });
      res.end();
      return;
    }
  }
  const target = found ?? join(siteDir, '404.html');
  if (!existsSync(target)) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end(existsSync(siteDir) ? 'Not found' : 'The site is not built yet: run `npm run build:site`.');
    return;
  }
  const type = CONTENT_TYPES[extname(target)] ?? 'application/octet-stream';
  const cache = target.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(found ? 200 : 404, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': cache });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(target).pipe(res);
}

export interface ApiRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What the dispatcher needs: the stage (production refuses development tokens) and their secret. */
export interface DispatcherOptions {
  stage: 'local' | 'test' | 'production';
  devTokenSecret: string;
}

/**
 * What API Gateway does for the local server: match the route, build the HTTP API v2 event, verify the
 * token of admin routes (as the JWT authorizer does), and invoke the route's handler. Exported so that
 * property tests drive exactly this path without sockets.
 */
export function createApiDispatcher(options: DispatcherOptions) {
  return async function dispatch(request: ApiRequest): Promise<HttpResult> {
    const { method, url } = request;
    let event: HttpEvent | undefined;
    try {
      const match = matchRoute(method === 'HEAD' ? 'GET' : method, url.pathname);
      if (!match)
        throw new HttpError(404, 'route-not-found', { sv: 'Adressen finns inte.', en: 'No such address.' });
      if ('methodNotAllowed' in match) {
        throw new HttpError(405, 'method-not-allowed', {
          sv: 'Metoden stöds inte på den här adressen.',
          en: 'The method is not supported at this address.',
        });
      }
      const { route } = match;
      const pathParameters: Record<string, string> = {};
      for (const [key, value] of Object.entries(match.pathParameters)) {
        try {
          pathParameters[key] = decodeURIComponent(value);
        } catch {
          throw new HttpError(400, 'invalid-path', {
            sv: 'Adressen är felaktig.',
            en: 'The address is malformed.',
          });
        }
      }
      if (request.body.length > MAX_BODY_BYTES) throw tooLarge();
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      }
      const query: Record<string, string> = {};
      for (const [key, value] of url.searchParams)
        query[key] = key in query ? `${query[key]},${value}` : value;
      event = {
        version: '2.0',
        routeKey: `${route.method} ${route.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(url.search ? { queryStringParameters: query } : {}),
        ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
        ...(request.body.length
          ? { body: request.body.toString('base64'), isBase64Encoded: true }
          : { isBase64Encoded: false }),
        requestContext: { requestId: randomUUID(), http: { method, path: url.pathname } },
      };
      if (route.access !== 'public') {
        const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
        // A production configuration never accepts development tokens.
        if (!token || options.stage === 'production') throw unauthorized();
        const verified = verifyDevToken(options.devTokenSecret, token);
        if (!verified.ok) throw unauthorized();
        event.requestContext.authorizer = { jwt: { claims: verified.claims, scopes: [] } };
      }
      const handler = await loadHandler(route);
      return await handler(event, lambdaContext(route.name));
    } catch (error) {
      return errorResult(error, event);
    }
  };
}

/** A route for signed-in users (administrators, county boards): what AWS runs in other functions. */
function isPrivateRoute(method: string, path: string): boolean {
  const match = matchRoute(method === 'HEAD' ? 'GET' : method, path);
  return !!match && 'route' in match && match.route.access !== 'public';
}

/** The admin process (local/admin-process.ts) and a dispatch that hands it a request and waits for its answer. */
async function startAdminProcess(options: DispatcherOptions) {
  const child = fork(fileURLToPath(new URL('./admin-process.ts', import.meta.url)), [], {
    // This process's environment as it is now (the store's endpoint, the table names), and the options.
    env: { ...process.env, [ADMIN_PROCESS_ENV]: JSON.stringify(options) },
    execArgv: [],
    serialization: 'advanced', // request and answer bodies cross as bytes, not as JSON
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (result: HttpResult) => void>();
  let nextId = 1;
  const failAll = () => {
    for (const answer of waiting.values()) answer(errorResult(new Error('admin process stopped'), undefined));
    waiting.clear();
  };
  await new Promise<void>((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the admin process exited with ${code}`)));
    child.on('message', (message: AdminMessage) => {
      if (message.type === 'ready') resolvePromise();
      else if (message.type === 'answer') {
        waiting.get(message.id)?.(message.result);
        waiting.delete(message.id);
      }
    });
  });
  child.removeAllListeners('error').removeAllListeners('exit');
  child.on('error', failAll);
  child.on('exit', failAll);
  return {
    dispatch(request: ApiRequest): Promise<HttpResult> {
      const id = nextId++;
      return new Promise((resolvePromise) => {
        if (!child.connected)
          return resolvePromise(errorResult(new Error('admin process stopped'), undefined));
        waiting.set(id, resolvePromise);
        child.send({
          type: 'call',
          id,
          method: request.method,
          url: request.url.href,
          headers: request.headers,
          body: request.body,
        } satisfies AdminMessage);
      });
    },
    close: () =>
      new Promise<void>((resolvePromise) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.disconnect();
      }),
  };
}

export async function startPortal(options: PortalOptions = {}): Promise<Portal> {
  const stage = options.stage ?? 'local';
  const siteDir = options.siteDir ?? DEFAULT_SITE_DIR;
  const regions = options.regions ?? loadRegionsConfig();
  const devTokenSecret = options.devTokenSecret ?? randomBytes(32).toString('hex');
  const dynamo = options.dynamoProcess
    ? await startEmbeddedDynamoProcess({ dataDir: options.dataDir })
    : await startEmbeddedDynamo({ dataDir: options.dataDir });
  const limiter =
    options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  pointSdkAt(dynamo.endpoint);
  process.env[REGISTRY_TABLE_ENV] = REGISTRY_TABLE;
  process.env.INSATS_STAGE = stage;
  resetDocumentClient();
  clearRegistryCache();
  await ensureTables(dynamo.endpoint, REGISTRY_TABLE, regions);
  await putRegions(regions);
  const seeded = options.seedDemo === false ? [] : await seedDemoCatalogues(regions);

  const dispatchHere = createApiDispatcher({ stage, devTokenSecret });
  const admin = options.adminProcess ? await startAdminProcess({ stage, devTokenSecret }) : undefined;
  const dispatch = (request: ApiRequest) =>
    admin && isPrivateRoute(request.method, request.url.pathname)
      ? admin.dispatch(request)
      : dispatchHere(request);
  async function handleApi(req: IncomingMessage, url: URL): Promise<HttpResult> {
    const method = req.method ?? 'GET';
    try {
      const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
      return await dispatch({ method, url, headers: req.headers, body });
    } catch (error) {
      return errorResult(error, undefined);
    }
  }

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const wait = limiter?.take(req.socket.remoteAddress ?? 'unknown') ?? 0;
      if (wait > 0) {
        const limited = new HttpError(
          429,
          'too-many-requests',
          {
            sv: 'För många förfrågningar. Vänta en stund och försök igen.',
            en: 'Too many requests. Wait a moment and try again.',
          },
          { headers: { 'retry-after': String(wait) } },
        );
        send(res, errorResult(limited, undefined), req.method ?? 'GET');
        req.resume();
        return;
      }
      handleApi(req, url).then(
        (result) => send(res, result, req.method ?? 'GET'),
        (error) => send(res, errorResult(error, undefined), req.method ?? 'GET'),
      );
      return;
    }
    serveStatic(siteDir, req, res, url.pathname);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolvePromise());
  });
  const address = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  return {
    url: `http://${host}:${address.port}`,
    dynamoEndpoint: dynamo.endpoint,
    regions,
    seeded,
    devTokenSecret,
    tokenFor: (regionIds, name = 'Utvecklare') =>
      signDevToken(devTokenSecret, {
        sub: `dev-${regionIds.join('-') || 'none'}`,
        name,
        groups: regionIds.map(regionGroup),
      }),
    close: async () => {
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
      await admin?.close();
      resetDocumentClient();
      await dynamo.close();
    },
  };
}
