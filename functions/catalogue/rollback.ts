/** POST /api/admin/regions/{regionId}/catalogue/rollback — `{ "version": N }` makes N live again as a new version. */
import { z } from 'zod';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { httpHandler, json, parseJsonBody } from '../lib/http.ts';
import { guardStore, regionOf } from './admin-region.ts';
import { rollback } from './publishing.ts';

export const RollbackBodySchema = z.strictObject({ version: z.number().int().positive() });

export const handler = httpHandler(async (event) => {
  const region = await regionOf(event);
  const { version } = parseJsonBody(RollbackBodySchema, event);
  const record = await guardStore(() => rollback(region, callerOf(event), version));
  return json(200, {
    regionId: region.id,
    status: 'published',
    version: record.version,
    restoredFrom: version,
    record,
  });
}, regionAdmin());
