/**
 * Upload benchmark: a CSV as Excel writes it (Windows-1252, semicolons, CRLF) with N rows, sent to the
 * upload handler (parse → validate every row → diff → publish a complete version → flip), measuring
 * rows per second and peak memory.
 */

import { callerFromClaims } from '../functions/auth/claims.ts';
import { signDevToken } from '../functions/auth/dev-token.ts';
import { exportCsv } from '../functions/catalogue/upload/csv-export.ts';
import { benchCatalogue, benchRegions } from './corpus.ts';
import { apiEvent, benchStores, encodeWindows1252, fmt, lambdaContext, withPeakMemory } from './harness.ts';

export async function uploadBenchmark(options: { rows?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const rows = options.rows ?? 10_000;
  const region = benchRegions(1)[0]!;
  // Windows-1252 cannot hold Arabic: the sheet carries the Swedish text only, as such sheets do.
  // Rows of the size administrators' sheets have (~450 bytes): 10,000 rows stay under the 5 MB limit.
  const items = benchCatalogue(region, 0, rows).map((item) => ({
    ...item,
    title: { sv: item.title.sv },
    description: { sv: item.description!.sv.slice(0, 120).replace(/\s+\S*$/, '.') },
  }));
  // Excel on Swedish Windows: cp1252, semicolons, CRLF, no BOM.
  const csv = encodeWindows1252(exportCsv(items).replace(/^\uFEFF/, ''));
  log(`file: ${rows} rows, ${fmt(csv.length / 1024 / 1024)} MB (Windows-1252, semicolons)`);
  const dynamo = await benchStores([region]);
  try {
    const { handler } = await import('../functions/catalogue/upload-catalogue.ts');
    const claims = { sub: 'bench', name: 'Bench', 'cognito:groups': [`region-${region.id}-admin`] };
    if (!callerFromClaims(claims)) throw new Error('bench claims are invalid');
    void signDevToken;
    const event = (query: Record<string, string>) =>
      apiEvent('POST', `/api/admin/regions/${region.id}/catalogue`, query, {
        headers: { 'content-type': 'text/csv' },
        pathParameters: { regionId: region.id },
        body: csv.toString('base64'),
        isBase64Encoded: true,
        requestContext: {
          requestId: 'bench',
          http: { method: 'POST', path: '/' },
          authorizer: { jwt: { claims } },
        },
      });
    const runs: { label: string; seconds: number; peakRssMb: number; peakHeapMb: number; status: number }[] =
      [];
    for (const [label, query] of [
      ['first publish', {}],
      ['re-publish (all unchanged)', {}],
      ['dry run', { dryRun: 'true' }],
    ] as const) {
      const start = performance.now();
      const { result, peakRssMb, peakHeapMb } = await withPeakMemory(() =>
        handler(event(query), lambdaContext as never),
      );
      const seconds = (performance.now() - start) / 1000;
      const body = JSON.parse(result.body ?? '{}') as { status?: string; counts?: { valid?: number } };
      if (result.statusCode !== 200)
        throw new Error(`upload answered ${result.statusCode}: ${result.body?.slice(0, 300)}`);
      runs.push({ label, seconds, peakRssMb, peakHeapMb, status: result.statusCode });
      log(
        `${label.padEnd(28)} ${body.status} ${body.counts?.valid} rows in ${fmt(seconds)} s → ${fmt(rows / seconds, 0)} rows/s · peak RSS ${fmt(peakRssMb, 0)} MB · peak heap ${fmt(peakHeapMb, 0)} MB`,
      );
    }
    return { rows, bytes: csv.length, runs };
  } finally {
    await dynamo.close();
  }
}
