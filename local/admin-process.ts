/**
 * The local server's admin routes, on a thread of their own. In AWS the admin functions are other Lambda
 * functions than the public ones, so an upload's parsing, validation and publishing never share an
 * event loop with newcomers' searches; `startPortal({ adminWorker: true })` keeps that true locally
 * (the load test uses it). The thread runs the very same dispatcher (token check included) on requests
 * the main thread has read, and answers with the handler's result.
 */
import { readFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { HttpResult } from '../functions/lib/http.ts';
import { type ApiRequest, createApiDispatcher, type DispatcherOptions } from './server.ts';

export interface AdminCall {
  id: number;
  method: string;
  url: string;
  headers: ApiRequest['headers'];
  body: Uint8Array;
}

export interface AdminAnswer {
  id: number;
  result: HttpResult;
}

/**
 * This thread at the lowest CPU priority (Linux: a thread has its own nice value; its id is the first field
 * of /proc/thread-self/stat). On a machine whose cores are shared, the OS then gives newcomers' requests
 * the CPU first and an upload takes what is left, as it would on the admin function's own hardware in
 * AWS. Elsewhere the thread keeps the normal priority.
 */
function yieldCpuToPublicRoutes(): void {
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_LOW);
  } catch {
    // not Linux, or not permitted: the normal priority
  }
}

if (parentPort) {
  yieldCpuToPublicRoutes();
  const port = parentPort;
  const dispatch = createApiDispatcher(workerData as DispatcherOptions);
  port.on('message', (call: AdminCall) => {
    void dispatch({
      method: call.method,
      url: new URL(call.url),
      headers: call.headers,
      body: Buffer.from(call.body.buffer, call.body.byteOffset, call.body.byteLength),
    }).then((result) => {
      // Plain fields only: the structured clone would drop the kept bytes' symbol key anyway.
      const { statusCode, headers, body, isBase64Encoded } = result;
      port.postMessage({
        id: call.id,
        result: { statusCode, headers, body, isBase64Encoded },
      } satisfies AdminAnswer);
    });
  });
}
