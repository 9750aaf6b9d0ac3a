/**
 * Memory figures after a collection (run with --expose-gc). A module of its own, without imports, so the
 * cold-start child (bench/cold-start.ts) measures with the same function without loading the harness.
 */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * What the process holds after a collection: the JavaScript heap plus array buffers, where typed arrays
 * (the search indexes' postings) live outside the heap.
 */
export function heldMb(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}
