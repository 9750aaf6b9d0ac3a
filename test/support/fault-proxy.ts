/**
 * A fault-injecting proxy in front of the embedded DynamoDB: a regional store that can be made to
 * refuse connections, throttle, answer too slowly or fail with a server error — the ways DynamoDB
 * fails — and then come back. It can also record what passes (`record`): which API action, with what
 * body. Traffic stays on loopback.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultMode = 'pass' | 'throttle' | 'slow' | 'server-error' | 'refuse';

export interface FaultProxy {
  endpoint: string;
  /** The real store behind the proxy (may be set after the proxy starts). */
  target: string;
  mode: FaultMode;
  /** How long a 'slow' answer is held back. */
  slowMs: number;
  requests: number;
  /** Called with each request's API action (from `X-Amz-Target`) and body, before it is answered. */
  record?: (operation: string, body: Buffer) => void;
  setMode(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
}

const THROTTLE_BODY = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
  message: 'Rate of requests exceeds the allowed throughput.',
});
const SERVER_ERROR_BODY = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
  message: 'Internal server error',
});

export async function startFaultProxy(target = 'http://127.0.0.1:9'): Promise<FaultProxy> {
  let server: Server | undefined;
  let port = 0;
  const proxy: FaultProxy = {
    endpoint: '',
    target,
    mode: 'pass',
    slowMs: 5_000,
    requests: 0,
    setMode: async (mode) => {
      if (mode === 'refuse' && server) {
        await stop();
      } else if (mode !== 'refuse' && !server) {
        await listen();
      }
      proxy.mode = mode;
    },
    close: () => stop(),
  };

  function handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    proxy.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      proxy.record?.(
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '',
        Buffer.concat(chunks),
      );
      if (proxy.mode === 'throttle' || proxy.mode === 'server-error') {
        const throttle = proxy.mode === 'throttle';
        res.writeHead(throttle ? 400 : 500, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': 'fault-proxy',
        });
        res.end(throttle ? THROTTLE_BODY : SERVER_ERROR_BODY);
        return;
      }
      const forward = () => {
        const upstream = new URL(proxy.target);
        const out = request(
          {
            hostname: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      };
      if (proxy.mode === 'slow') {
        const timer = setTimeout(forward, proxy.slowMs);
        res.on('close', () => clearTimeout(timer));
      } else forward();
    });
  }

  async function listen() {
    server = createServer(handle);
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    proxy.endpoint = `http://127.0.0.1:${port}`;
  }

  async function stop() {
    const current = server;
    server = undefined;
    if (!current) return;
    await new Promise<void>((resolve) => {
      current.close(() => resolve());
      current.closeAllConnections();
    });
  }

  await listen();
  return proxy;
}
