/** Split jobs into consecutive groups of at most `size` (masks optimised together). */
export function jobBatches<T>(jobs: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < jobs.length; i += step) out.push(jobs.slice(i, i + step));
  return out;
}

/** `masksPerBatch` 0 means "the run's batch size". */
export function resolveBatchSize(masksPerBatch: number, runBatchSize: number): number {
  return masksPerBatch > 0 ? masksPerBatch : Math.max(1, runBatchSize);
}
