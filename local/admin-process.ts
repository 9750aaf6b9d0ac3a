/**
 * The local server's admin routes, in a process of their own. In AWS the admin functions are other Lambda
 * functions than the public ones, so an upload's parsing, validation and publishing never share an event
 * loop, a heap or a CPU with newcomers' searches; `startPortal({ adminProcess: true })` keeps that true
 * locally (the load test uses it). The process runs the very same dispatcher (token check included) on
 * requests the server has read, and answers with the handler's result, over the IPC channel.
 *
 * A process, not a worker thread: a thread shares the server's process, and with it V8's helper threads,
 * which collect and compile for every isolate at the normal priority, whatever the thread's own. In the
 * load test, an upload on a worker thread at the lowest priority still stalled the public event loop for
 * up to 1.3 s at the start of some publishes; in a process, every thread of it yields.
 */
import type { HttpResult } from '../functions/lib/http.ts';
import { yieldCpuToPublicRoutes } from './priority.ts';
import { type ApiRequest, createApiDispatcher, type DispatcherOptions } from './server.ts';

/** The dispatcher's options, handed to the process in its environment (never on its command line). */
export const ADMIN_PROCESS_ENV = 'INSATS_ADMIN_PROCESS';

export type AdminMessage =
  | { type: 'ready' }
  | { type: 'answer'; id: number; result: HttpResult }
  | {
      type: 'call';
      id: number;
      method: string;
      url: string;
      headers: ApiRequest['headers'];
      body: Uint8Array;
    };

if (process.send && process.env[ADMIN_PROCESS_ENV]) {
  yieldCpuToPublicRoutes();
  const send = process.send.bind(process);
  const dispatch = createApiDispatcher(JSON.parse(process.env[ADMIN_PROCESS_ENV]) as DispatcherOptions);
  process.on('message', (message: AdminMessage) => {
    if (message.type !== 'call') return;
    const { id, method, url, headers, body } = message;
    void dispatch({
      method,
      url: new URL(url),
      headers,
      body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    }).then((result) => {
      // Plain fields only: the kept bytes' symbol key would not cross the channel anyway.
      const { statusCode, headers: answerHeaders, body: answerBody, isBase64Encoded } = result;
      send({
        type: 'answer',
        id,
        result: { statusCode, headers: answerHeaders, body: answerBody, isBase64Encoded },
      } satisfies AdminMessage);
    });
  });
  // The server went away (closed, or crashed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' } satisfies AdminMessage);
}
