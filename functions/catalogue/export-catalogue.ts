/**
 * GET /api/admin/regions/{regionId}/catalogue/export?format=csv|json|hsds — the live catalogue; CSV in
 * the upload template's shape (download → edit in Excel → upload round-trips without loss).
 */
import { z } from 'zod';
import { regionAdmin } from '../auth/middleware.ts';
import { toHsdsService } from '../hsds/mapping.ts';
import { httpHandler, json, parseQuery, text } from '../lib/http.ts';
import { guardStore, regionOf } from './admin-region.ts';
import { readPointer, readSnapshot } from './store.ts';
import { exportCsv } from './upload/csv-export.ts';

export const ExportQuerySchema = z.object({ format: z.enum(['csv', 'json', 'hsds']).default('csv') });

export const handler = httpHandler(async (event) => {
  const { format } = parseQuery(ExportQuerySchema, event);
  const region = await regionOf(event);
  const { version, items } = await guardStore(async () => {
    const live = await readPointer(region.tableName);
    return {
      version: live?.version ?? 0,
      items: live ? await readSnapshot(region.tableName, live.version) : [],
    };
  });
  const name = `insatser-${region.id}-v${version}`;
  if (format === 'csv') {
    return text(200, exportCsv(items), 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="${name}.csv"`,
    });
  }
  const body = format === 'json' ? items : items.map((item) => toHsdsService(item, region.id));
  return json(200, body, {
    'content-disposition': `attachment; filename="${name}${format === 'hsds' ? '.hsds' : ''}.json"`,
  });
}, regionAdmin());
