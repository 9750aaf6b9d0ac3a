/**
 * The admin page's calls to the API: same origin (`connect-src 'self'`), the bearer token on every
 * admin request, failures as `AdminApiError` carrying an explained `Failure`. `fetch` is injectable so
 * the calls are tested without a browser. Uploads go through XMLHttpRequest (see the island's
 * `upload.ts`): fetch cannot report upload progress.
 */

import type { MergePatch } from './edit.ts';
import { explainFailure, type Failure } from './errors.ts';
import { fileNameFromDisposition } from './files.ts';
import type {
  AdminLang,
  EditRejection,
  EditResult,
  Intervention,
  ReviewResult,
  RollbackResult,
  VersionHistory,
} from './types.ts';

export class AdminApiError extends Error {
  readonly failure: Failure;
  readonly body: unknown;
  constructor(failure: Failure, body: unknown) {
    super(failure.message ?? `The API answered ${failure.status ?? 'nothing'}`);
    this.name = 'AdminApiError';
    this.failure = failure;
    this.body = body;
  }
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface AdminApiOptions {
  token: string;
  lang: AdminLang;
  fetch?: Fetch;
}

export const EXPORT_FORMATS = ['csv', 'json', 'hsds'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type EditAnswer = { ok: true; result: EditResult } | { ok: false; rejection: EditRejection };

const adminPath = (regionId: string, rest: string) =>
  `/api/admin/regions/${encodeURIComponent(regionId)}${rest}`;

export function createAdminApi(options: AdminApiOptions) {
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));

  async function call(
    path: string,
    init: { method?: string; body?: unknown; auth?: boolean; accept?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept: init.accept ?? 'application/json',
      'accept-language': options.lang,
      // The public reads among them (the catalogue's items) then answer the live version as it is now,
      // not one an instance read up to a second ago: an administrator sees their change at once.
      'cache-control': 'no-cache',
    };
    if (init.auth !== false) headers['authorization'] = `Bearer ${options.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(path, {
        method: init.method ?? 'GET',
        headers,
        cache: 'no-store',
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    } catch (cause) {
      throw new AdminApiError(explainFailure(undefined, undefined, options.lang), cause);
    }
    return response;
  }

  async function json<T>(
    response: Response,
    accept: (status: number) => boolean = (s) => s < 300,
  ): Promise<T> {
    const body: unknown = await response.json().catch(() => undefined);
    if (!accept(response.status) || body === undefined) {
      throw new AdminApiError(explainFailure(response.status, body, options.lang), body);
    }
    return body as T;
  }

  return {
    /** The publish history, newest first. */
    async versions(regionId: string): Promise<VersionHistory> {
      return json(await call(adminPath(regionId, '/catalogue/versions')));
    },

    /** Make `version` live again, as a new version. */
    async rollback(regionId: string, version: number): Promise<RollbackResult> {
      return json(
        await call(adminPath(regionId, '/catalogue/rollback'), { method: 'POST', body: { version } }),
      );
    },

    /** Confirm reviewed: every item (`{}`) or one municipality's items. */
    async review(regionId: string, selection: { municipality?: string } = {}): Promise<ReviewResult> {
      return json(await call(adminPath(regionId, '/catalogue/review'), { method: 'POST', body: selection }));
    },

    /** Edit one intervention with a JSON merge patch (and/or `confirmReviewed`); 422 is a rejection to show. */
    async editItem(regionId: string, id: string, patch: MergePatch): Promise<EditAnswer> {
      const response = await call(adminPath(regionId, `/interventions/${encodeURIComponent(id)}`), {
        method: 'PATCH',
        body: patch,
      });
      if (response.status === 422) {
        const body = await json<EditRejection | Record<string, unknown>>(response, () => true);
        if (Array.isArray((body as EditRejection).errors))
          return { ok: false, rejection: body as EditRejection };
        throw new AdminApiError(explainFailure(422, body, options.lang), body);
      }
      return { ok: true, result: await json<EditResult>(response) };
    },

    /** The region's whole published catalogue (the public API, every page). */
    async items(regionId: string, signal?: AbortSignal): Promise<Intervention[]> {
      const items: Intervention[] = [];
      let cursor: string | null = null;
      do {
        const path: string =
          `/api/regions/${encodeURIComponent(regionId)}/interventions?limit=100` +
          (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
        const response = await call(path, { auth: false });
        if (response.status === 404 && !cursor) return [];
        const page = await json<{ items: Intervention[]; nextCursor: string | null }>(response);
        items.push(...page.items);
        cursor = page.nextCursor;
        if (signal?.aborted) throw signal.reason;
      } while (cursor);
      return items;
    },

    /** The live catalogue as a file (the request carries the token, so it is fetched, then saved). */
    async exportFile(regionId: string, format: ExportFormat): Promise<{ blob: Blob; fileName: string }> {
      const response = await call(adminPath(regionId, `/catalogue/export?format=${format}`), {
        accept: '*/*',
      });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => undefined);
        throw new AdminApiError(explainFailure(response.status, body, options.lang), body);
      }
      const fallback = `insatser-${regionId}.${format === 'csv' ? 'csv' : format === 'hsds' ? 'hsds.json' : 'json'}`;
      return {
        blob: await response.blob(),
        fileName: fileNameFromDisposition(response.headers.get('content-disposition'), fallback),
      };
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
