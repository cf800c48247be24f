/**
 * Robust Perturbation's objective and its gradient with respect to the masks of several jobs,
 * evaluated with one batched model pass (2 rows per job: perturbed, preserved). Kim et al.,
 * IEEE TIP 2021; loss as in the reference code (loader/attribution_map.py):
 *   L = -BD(p_t, prt_t) + BD(p_nt, prt_nt) + l1 * mean|1 - m| + BD(p_t, psv_t)
 *       + mean(log2(|psv_nt| + 1)) + tv * TV_beta(m)
 *   prt = x*m + b*(1-m) + n1,  psv = x*(1-m) + b*m + n2.
 * Noise is passed in, so tests can fix it (or pass none) and compare with finite differences.
 */
import { rowProbabilities, type Resampler } from '@saliency-bench/core';
import { allocLike, sign, type FloatArray } from '../math/floats.js';
import { composeInputs } from './rp-terms.js';
import { robustPerturbationHead } from './rp-head.js';
import { rowsLoss } from '../common/head-loss.js';
import { totalVariationMean } from '../math/total-variation.js';
import type { DifferentiableModel } from '../common/differentiable-model.js';

export interface RpJobData {
  /** Model-normalised image, CHW at the model resolution. */
  x: Float32Array;
  /** Baseline ("blurred") image, same layout. */
  baseline: Float32Array;
  /** Probabilities of the clean image. */
  clean: Float64Array;
  target: number;
}

export interface RpWeights {
  l1Weight: number;
  tvWeight: number;
  tvBeta: number;
}

export interface RpGeometry {
  channels: number;
  /** Mask side (maskSize x maskSize), resampled to the model's h x w. */
  maskSize: number;
  resampler: Resampler;
}

export interface RpNoise {
  perturbed: FloatArray;
  preserved: FloatArray;
}

export interface RpEvaluation {
  loss: number;
  gradient: FloatArray;
  perturbed: Float64Array;
  preserved: Float64Array;
}

/** Probabilities of both branches for the given masks, without noise and without gradients. */
export async function robustPerturbationProbabilities(
  model: DifferentiableModel,
  jobs: readonly RpJobData[],
  masks: readonly FloatArray[],
  geometry: RpGeometry,
): Promise<{ perturbed: Float64Array; preserved: Float64Array }[]> {
  const size = jobs[0].x.length;
  const classes = model.classes;
  const batch = allocLike(masks[0], 2 * jobs.length * size);
  jobs.forEach((job, j) => composeInputs(job, geometry.resampler.forward(masks[j]), null, batch, 2 * j));
  const logits = await model.forward(batch, 2 * jobs.length);
  return jobs.map((_, j) => ({
    perturbed: rowProbabilities(logits, 2 * j * classes, classes, model.activation),
    preserved: rowProbabilities(logits, (2 * j + 1) * classes, classes, model.activation),
  }));
}

export async function robustPerturbationObjective(
  model: DifferentiableModel,
  jobs: readonly RpJobData[],
  masks: readonly FloatArray[],
  noises: readonly (RpNoise | null)[],
  weights: RpWeights,
  geometry: RpGeometry,
): Promise<RpEvaluation[]> {
  const { resampler, maskSize } = geometry;
  const classes = model.classes;
  const size = jobs[0].x.length;
  const upsampled = masks.map((mask) => resampler.forward(mask));
  const batch = allocLike(masks[0], 2 * jobs.length * size);
  jobs.forEach((job, j) => composeInputs(job, upsampled[j], noises[j], batch, 2 * j));

  const { logits, gInput, parts } = await model.lossGradient(batch, 2 * jobs.length, robustPerturbationHead(jobs, classes));
  const partial = jobs.map((_, j) => ({
    loss: rowsLoss(parts, 2 * j, 2),
    perturbed: rowProbabilities(logits, 2 * j * classes, classes, model.activation),
    preserved: rowProbabilities(logits, (2 * j + 1) * classes, classes, model.activation),
  }));

  return jobs.map((job, j) => {
    const plane = upsampled[j].length;
    const gUp = allocLike(masks[0], plane);
    const prt = 2 * j * size;
    const psv = prt + size;
    // d prt / d m = x - b and d psv / d m = b - x, summed over channels.
    for (let start = 0; start < size; start += plane) {
      for (let p = 0; p < plane; p++) {
        const i = start + p;
        gUp[p] += (gInput[prt + i] - gInput[psv + i]) * (job.x[i] - job.baseline[i]);
      }
    }
    const gradient = resampler.adjoint(gUp);
    const mask = masks[j];
    const n = mask.length;
    let l1 = 0;
    for (let i = 0; i < n; i++) {
      l1 += Math.abs(1 - mask[i]);
      gradient[i] += (-weights.l1Weight * sign(1 - mask[i])) / n;
    }
    const tv = totalVariationMean(mask, maskSize, maskSize, weights.tvBeta, weights.tvWeight, gradient);
    const loss = partial[j].loss + (weights.l1Weight * l1) / n + weights.tvWeight * tv;
    return { loss, gradient, perturbed: partial[j].perturbed, preserved: partial[j].preserved };
  });
}
