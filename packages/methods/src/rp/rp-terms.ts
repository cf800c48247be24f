/**
 * Composing the two noisy branches of a Robust Perturbation job (its loss on their
 * probabilities is the loss head of rp-head.ts).
 */
import type { FloatArray } from '../math/floats.js';
import type { RpJobData, RpNoise } from './rp-objective.js';

/** The two perturbed inputs of one job, written into `batch` at rows 2j and 2j + 1. */
export function composeInputs(job: RpJobData, up: FloatArray, noise: RpNoise | null, batch: FloatArray, row: number): void {
  const plane = up.length;
  const size = job.x.length;
  const prt = row * size;
  const psv = prt + size;
  const { x, baseline } = job;
  for (let start = 0; start < size; start += plane) {
    for (let p = 0; p < plane; p++) {
      const i = start + p;
      const diff = x[i] - baseline[i];
      batch[prt + i] = baseline[i] + up[p] * diff;
      batch[psv + i] = x[i] - up[p] * diff;
    }
  }
  if (noise) {
    for (let i = 0; i < size; i++) {
      batch[prt + i] += noise.perturbed[i];
      batch[psv + i] += noise.preserved[i];
    }
  }
}
