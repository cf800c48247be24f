import type { Attribution, Job, MethodContext } from '@saliency-bench/core';

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

/** Explain jobs a batch at a time (`masksPerBatch` jobs share the model calls), in job order. */
export async function explainInBatches(
  jobs: readonly Job[],
  ctx: MethodContext,
  masksPerBatch: number,
  explainBatch: (batch: Job[], ctx: MethodContext) => Promise<Attribution[]>,
): Promise<Attribution[]> {
  const out: Attribution[] = [];
  for (const batch of jobBatches(jobs, resolveBatchSize(masksPerBatch, ctx.batchSize))) out.push(...(await explainBatch(batch, ctx)));
  return out;
}
