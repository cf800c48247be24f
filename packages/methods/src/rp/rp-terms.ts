/**
 * The pieces of Robust Perturbation's objective that do not touch the model: composing the two
 * noisy branches of a job, and the loss terms on their probabilities with dL/dprobs.
 */
import { boundedDivergence } from '../math/bounded-divergence.js';
import { sign, type FloatArray } from '../math/floats.js';
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

/** Loss terms on the probabilities; fills dL/dprt and dL/dpsv. */
export function probabilityLoss(job: RpJobData, prt: Float64Array, psv: Float64Array, gPrt: Float64Array, gPsv: Float64Array): number {
  const classes = prt.length;
  const target = [job.target];
  const others: number[] = [];
  for (let k = 0; k < classes; k++) if (k !== job.target) others.push(k);
  let loss = -boundedDivergence(job.clean, prt, target, -1, gPrt);
  loss += boundedDivergence(job.clean, psv, target, 1, gPsv);
  if (others.length > 0) {
    loss += boundedDivergence(job.clean, prt, others, 1, gPrt);
    let spill = 0;
    for (const k of others) {
      spill += Math.log2(Math.abs(psv[k]) + 1);
      gPsv[k] += sign(psv[k]) / ((Math.abs(psv[k]) + 1) * Math.LN2 * others.length);
    }
    loss += spill / others.length;
  }
  return loss;
}
