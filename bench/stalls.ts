/**
 * This process's event-loop stalls: a 10 ms timer that fires 40 ms or more after the last one reports how
 * long the loop was held (the lateness beyond the 10 ms). The load test's server and client both watch
 * theirs, to line stalls up with latencies (LOAD_TIMELINE, bench/load.ts). Imports nothing.
 */
export function watchStalls(onStall: (ms: number) => void): void {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last >= 40) onStall(Math.round(now - last - 10));
    last = now;
  }, 10).unref();
}
