/**
 * `npm run bench`: the project's benchmarks, printing figures (never pass/fail on time).
 *   --only=search|upload|demand   run one
 *   --small                       a 5 × 500 corpus for a quick check
 * Upload runs first, so its memory figures are not inflated by the search corpus held afterwards.
 * Results are also written to bench/.out/latest.json; docs/performance.md records a run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const small = process.argv.includes('--small');
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
};
console.log(`Insatsportalen benchmark · Node ${process.version} · ${results.cpus}\n`);
if (!(globalThis as { gc?: unknown }).gc)
  console.log('(run with --expose-gc for exact heap figures: npm run bench does)\n');

if (!only || only === 'upload') {
  console.log('== Upload (CSV → validate → publish) ==');
  const { uploadBenchmark } = await import('./upload.ts');
  results.upload = await uploadBenchmark(small ? { rows: 1_000 } : {});
  console.log();
}
if (!only || only === 'search') {
  console.log('== Search ==');
  const { searchBenchmark } = await import('./search.ts');
  results.search = await searchBenchmark(small ? { regions: 5, perRegion: 500, queries: 300 } : {});
  console.log();
}
if (!only || only === 'demand') {
  try {
    const demandModule = './demand-overhead.ts'; // written with the coverage capability
    const module = (await import(demandModule)) as { measureDemandOverhead?: () => Promise<unknown> };
    if (module.measureDemandOverhead) {
      console.log('== Search with anonymous demand counting on vs off ==');
      results.demand = await module.measureDemandOverhead();
      console.log();
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
}
mkdirSync(new URL('./.out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./.out/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('Written to bench/.out/latest.json');
process.exit(0);
