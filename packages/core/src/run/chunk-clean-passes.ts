/**
 * The runner's clean pass of a chunk of samples: one forward call, shared by target selection and
 * every method and metric of the chunk (Job.clean). Not charged to any method or metric: it is
 * the same whatever they are.
 */
import { cleanPasses } from '../model/clean-pass.js';
import type { TargetMode } from '../spec/resolved-spec.js';
import type { CleanPass, Classifier, Sample } from '../types.js';

export async function chunkCleanPasses(samples: readonly Sample[], model: Classifier, mode: TargetMode): Promise<CleanPass[] | undefined> {
  try {
    return await cleanPasses(samples, model);
  } catch (error) {
    // Choosing targets from predictions cannot do without it; otherwise each method and metric
    // computes what it needs itself and a sample the model cannot take fails alone, as its jobs.
    if (mode === 'correct' || mode === 'top-k') throw error;
    return undefined;
  }
}
