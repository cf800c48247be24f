/**
 * Compute maps for a batch of jobs. If the batch fails, each job is retried alone so that one bad
 * job (a NaN from the model, a degenerate image) does not fail its neighbours.
 */
import type { Attribution, AttributionMethod, Job, MethodContext } from '../types.js';

export type ExplainOutcome = { ok: true; attribution: Attribution } | { ok: false; reason: string };

export async function explainJobs(method: AttributionMethod, jobs: Job[], ctx: MethodContext): Promise<ExplainOutcome[]> {
  try {
    return checkAll(jobs, await method.explain(jobs, ctx));
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    if (jobs.length === 1) return [{ ok: false, reason: (error as Error).message }];
  }
  const outcomes: ExplainOutcome[] = [];
  for (const job of jobs) outcomes.push(...(await explainJobs(method, [job], ctx)));
  return outcomes;
}

function checkAll(jobs: Job[], attributions: Attribution[]): ExplainOutcome[] {
  if (attributions.length !== jobs.length) {
    throw new Error(`method returned ${attributions.length} maps for ${jobs.length} jobs`);
  }
  return attributions.map((attribution, i) => {
    const { map, height, width } = attribution;
    if (map.length !== height * width) {
      return { ok: false, reason: `map of ${jobs[i].key} has ${map.length} values, expected ${height}x${width}` };
    }
    for (let p = 0; p < map.length; p++) {
      if (!Number.isFinite(map[p])) return { ok: false, reason: `map of ${jobs[i].key} contains ${map[p]} at pixel ${p}` };
    }
    return { ok: true, attribution };
  });
}
