/**
 * Sending a catalogue file: XMLHttpRequest rather than fetch, because only XHR reports upload
 * progress. The answer is returned as it came (200 published/validated, 422 rejected with its report,
 * anything else for the caller to explain).
 */
import { contentDisposition } from '../../lib/admin/files.ts';
import type { AdminLang } from '../../lib/admin/types.ts';

export interface UploadRequest {
  regionId: string;
  token: string;
  lang: AdminLang;
  file: Blob;
  fileName: string;
  contentType: string;
  dryRun: boolean;
  confirmRemovals?: boolean;
  /** HSDS: the category of services that carry none. */
  defaultCategory?: string;
  /** Fraction of the body sent (0–1); `sent` once the whole body is out and the server is checking it. */
  onProgress?: (progress: { fraction: number; sent: boolean }) => void;
}

export interface UploadAnswer {
  /** 0 when there was no answer at all. */
  status: number;
  body: unknown;
}

export function uploadCatalogueFile(request: UploadRequest): Promise<UploadAnswer> {
  const query = new URLSearchParams();
  if (request.dryRun) query.set('dryRun', 'true');
  if (request.confirmRemovals) query.set('confirmRemovals', 'true');
  if (request.defaultCategory) query.set('defaultCategory', request.defaultCategory);
  const url = `/api/admin/regions/${encodeURIComponent(request.regionId)}/catalogue${query.size ? `?${query}` : ''}`;
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${request.token}`);
    xhr.setRequestHeader('content-type', request.contentType);
    xhr.setRequestHeader('content-disposition', contentDisposition(request.fileName));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', request.lang);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        request.onProgress?.({ fraction: event.loaded / event.total, sent: false });
      }
    };
    xhr.upload.onload = () => request.onProgress?.({ fraction: 1, sent: true });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    // A server that refuses a large body early may reset the connection: no status at all.
    xhr.onerror = () => resolve({ status: 0, body: undefined });
    xhr.ontimeout = () => resolve({ status: 0, body: undefined });
    xhr.send(request.file);
  });
}

/** Save a Blob as a file: an object URL and a temporary link (works under `script-src 'self'`). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
