/**
 * Publishing a region's catalogue: the domain behind the admin endpoints. Plain functions over the
 * store; the handlers only parse HTTP and map results. Every path validates everything first and
 * changes nothing when it rejects.
 */
import { randomUUID } from 'node:crypto';
import { type Intervention, InterventionSchema } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import type { Caller } from '../auth/claims.ts';
import { HttpError, notFound } from '../lib/errors.ts';
import {
  type LivePointer,
  listVersions,
  PublishConflictError,
  type PublishCounts,
  type PublishSource,
  publish,
  readPointer,
  readSnapshot,
  type VersionRecord,
} from './store.ts';
import { type CatalogueDiff, diffCatalogues, requiresRemovalConfirmation } from './upload/diff.ts';
import { type Problem, parseUpload } from './upload/parse-upload.ts';

export interface UploadReport {
  uploadId: string;
  status: 'published' | 'validated' | 'rejected';
  version: number | null;
  format?: string;
  counts: Required<Pick<PublishCounts, 'rows' | 'valid' | 'invalid'>> &
    Omit<PublishCounts, 'rows' | 'valid' | 'invalid'>;
  errors: Problem[];
  warnings: Problem[];
  diff?: CatalogueDiff;
  requiresConfirmRemovals?: boolean;
}

export const conflict = (cause?: unknown) =>
  new HttpError(
    409,
    'publish-conflict',
    {
      sv: 'En annan uppladdning för regionen pågår eller blev klar först. Ingenting av din fil har publicerats. Ladda upp igen om en stund.',
      en: 'Another upload for this region is in progress or finished first. Nothing of your file was published. Upload again in a moment.',
    },
    { cause },
  );

async function liveCatalogue(
  region: RegionConfig,
): Promise<{ live: LivePointer | null; items: Intervention[] }> {
  const live = await readPointer(region.tableName);
  return { live, items: live ? await readSnapshot(region.tableName, live.version) : [] };
}

async function publishItems(
  region: RegionConfig,
  caller: Caller,
  items: Intervention[],
  options: {
    source: PublishSource;
    basedOn: LivePointer | null;
    counts: PublishCounts;
    fileName?: string;
    note?: string;
  },
): Promise<VersionRecord> {
  try {
    return await publish(region.tableName, {
      items,
      publishedBy: caller.name,
      source: options.source,
      fileName: options.fileName,
      note: options.note,
      counts: options.counts,
      expectedLiveVersion: options.basedOn?.version ?? null,
    });
  } catch (error) {
    if (error instanceof PublishConflictError) throw conflict(error);
    throw error;
  }
}

const diffCounts = (diff: CatalogueDiff) => ({
  added: diff.added.length,
  changed: diff.changed.length,
  removed: diff.removed.length,
  unchanged: diff.unchanged,
});

export interface UploadRequest {
  region: RegionConfig;
  caller: Caller;
  body: Uint8Array;
  contentType: string;
  fileName?: string;
  dryRun: boolean;
  confirmRemovals: boolean;
  /** For HSDS uploads: the category of services that carry none (HSDS has no field for the taxonomy). */
  defaultCategory?: string;
  now?: Date;
}

/** Validate an upload completely; publish it unless it is a dry run or has errors. */
export async function uploadCatalogue(request: UploadRequest): Promise<UploadReport> {
  const uploadId = randomUUID();
  const parsed = parseUpload(request.body, request.contentType, {
    region: request.region,
    now: request.now,
    ...(request.defaultCategory ? { hsds: { defaults: { category: request.defaultCategory } } } : {}),
  });
  const base = {
    uploadId,
    format: parsed.format,
    errors: parsed.errors,
    warnings: parsed.warnings,
  };
  const zero = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  if (parsed.errors.length > 0) {
    return { ...base, status: 'rejected', version: null, counts: { ...parsed.counts, ...zero } };
  }
  const { live, items: liveItems } = await liveCatalogue(request.region);
  const diff = diffCatalogues(liveItems, parsed.items);
  const counts = { ...parsed.counts, ...diffCounts(diff) };
  const needsConfirmation = requiresRemovalConfirmation(diff, liveItems.length);
  if (request.dryRun) {
    return {
      ...base,
      status: 'validated',
      version: live?.version ?? null,
      counts,
      diff,
      requiresConfirmRemovals: needsConfirmation,
    };
  }
  if (needsConfirmation && !request.confirmRemovals) {
    const problem: Problem = {
      row: 0,
      column: '',
      code: 'confirm-removals',
      severity: 'error',
      message: `Uppladdningen skulle ta bort ${diff.removed.length} av ${liveItems.length} publicerade insatser (mer än hälften). Kontrollera filen, eller bekräfta borttagningen (confirmRemovals=true).`,
      messages: {
        sv: `Uppladdningen skulle ta bort ${diff.removed.length} av ${liveItems.length} publicerade insatser (mer än hälften). Kontrollera filen, eller bekräfta borttagningen (confirmRemovals=true).`,
        en: `The upload would remove ${diff.removed.length} of ${liveItems.length} published interventions (more than half). Check the file, or confirm the removals (confirmRemovals=true).`,
      },
    };
    return {
      ...base,
      errors: [problem],
      status: 'rejected',
      version: live?.version ?? null,
      counts,
      diff,
      requiresConfirmRemovals: true,
    };
  }
  const record = await publishItems(request.region, request.caller, parsed.items, {
    source: 'upload',
    basedOn: live,
    counts,
    fileName: request.fileName,
  });
  return { ...base, status: 'published', version: record.version, counts, diff };
}

export async function versionHistory(region: RegionConfig) {
  const [live, versions] = await Promise.all([readPointer(region.tableName), listVersions(region.tableName)]);
  return {
    regionId: region.id,
    liveVersion: live?.version ?? null,
    versions: versions.filter((v) => v.status === 'complete'),
  };
}

/** Make an earlier version live again, as a new version (history is never rewritten). */
export async function rollback(
  region: RegionConfig,
  caller: Caller,
  version: number,
): Promise<VersionRecord> {
  const versions = await listVersions(region.tableName);
  const target = versions.find((v) => v.version === version && v.status === 'complete');
  if (!target) throw notFound('version', String(version));
  const { live, items: liveItems } = await liveCatalogue(region);
  if (live?.version === version) {
    throw new HttpError(409, 'already-live', {
      sv: `Version ${version} är redan publicerad.`,
      en: `Version ${version} is already live.`,
    });
  }
  const items = await readSnapshot(region.tableName, version);
  const diff = diffCatalogues(liveItems, items);
  return publishItems(region, caller, items, {
    source: 'rollback',
    basedOn: live,
    counts: { rows: items.length, valid: items.length, invalid: 0, ...diffCounts(diff) },
    note: `Återställd från version ${version}`,
  });
}

/** Publish the live catalogue with some items replaced (edits, review confirmations). */
export async function publishChangedItems(
  region: RegionConfig,
  caller: Caller,
  change: (items: Intervention[]) => { items: Intervention[]; changedIds: string[] },
  source: PublishSource,
  note?: string,
): Promise<{ record: VersionRecord; changedIds: string[] }> {
  const { live, items } = await liveCatalogue(region);
  if (!live) throw notFound('intervention');
  const next = change(items);
  const diff = diffCatalogues(items, next.items);
  const record = await publishItems(region, caller, next.items, {
    source,
    basedOn: live,
    counts: { rows: next.items.length, valid: next.items.length, invalid: 0, ...diffCounts(diff) },
    note,
  });
  return { record, changedIds: next.changedIds };
}

export function reviewStamp(caller: Caller, now: Date) {
  return { lastReviewedAt: now.toISOString(), reviewedBy: caller.name.slice(0, 120) };
}

/** Re-validate an edited item through the one schema. */
export function revalidate(item: unknown): Intervention {
  return InterventionSchema.parse(item);
}
