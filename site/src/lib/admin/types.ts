/**
 * The admin API's answers as the admin page reads them. Types only: the definitions live with the
 * handlers (no zod or handler code reaches the browser bundle; these imports are erased).
 */

import type { UploadReport } from '../../../../functions/catalogue/publishing.ts';
import type { PublishSource, VersionRecord } from '../../../../functions/catalogue/store.ts';
import type { CatalogueDiff } from '../../../../functions/catalogue/upload/diff.ts';
import type { Problem } from '../../../../functions/catalogue/upload/types.ts';
import type { Intervention } from '../../../../shared/intervention.ts';

export type { CatalogueDiff, Intervention, Problem, PublishSource, UploadReport, VersionRecord };

/** The page's two languages: administrators are Swedish civil servants. */
export type AdminLang = 'sv' | 'en';

/** `GET /api/admin/regions/{regionId}/catalogue/versions` */
export interface VersionHistory {
  regionId: string;
  liveVersion: number | null;
  versions: VersionRecord[];
}

/** `PATCH /api/admin/regions/{regionId}/interventions/{id}` */
export interface EditResult {
  regionId: string;
  status: 'published';
  version: number;
  item: Intervention;
  warnings: Problem[];
}

/** `PATCH` answered 422: the edited item is invalid; nothing changed. */
export interface EditRejection {
  status: 'rejected';
  version: null;
  errors: Problem[];
  warnings: Problem[];
}

/** `POST /api/admin/regions/{regionId}/catalogue/review` */
export interface ReviewResult {
  regionId: string;
  status: 'published';
  version: number;
  confirmed: number;
  unknownIds: string[];
}

/** `POST /api/admin/regions/{regionId}/catalogue/rollback` */
export interface RollbackResult {
  regionId: string;
  status: 'published';
  version: number;
  restoredFrom: number;
}

/** Every error answer: `{ error: { code, message, messages: { sv, en }, details } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; messages?: { sv?: string; en?: string }; details?: unknown };
}

/** What the page knows about a region at build time. */
export interface AdminRegion {
  id: string;
  name: string;
  municipalities: string[];
}

/** A choice in a list (category, language), labelled in the page's language. */
export interface Option {
  code: string;
  label: string;
}
