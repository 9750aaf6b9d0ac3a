/**
 * A search function's cold start, in a new process as Lambda starts one: import the handler module, then
 * load every region's live version from the stores named by the environment (the embedded DynamoDB's
 * endpoint and the registry table, inherited from bench/search.ts) into the federation, all concurrently.
 * Prints one line of JSON: { importMs, coldLoadMs, regionsLoaded, heldMb }.
 */
import type { RegionConfig } from '../shared/region.ts';
import { heldMb } from './memory.ts';

const regions = JSON.parse(process.env.INSATS_BENCH_REGIONS ?? '[]') as RegionConfig[];
let t = performance.now();
const { federation } = await import('../functions/search/search.ts');
const importMs = performance.now() - t;
t = performance.now();
await federation.current(regions);
await federation.settle();
const coldLoadMs = performance.now() - t;
process.stdout.write(
  `${JSON.stringify({
    importMs,
    coldLoadMs,
    regionsLoaded: [...federation.states.values()].filter((s) => s.index).length,
    heldMb: heldMb(),
  })}\n`,
);
process.exit(0);
