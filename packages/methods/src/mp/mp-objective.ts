/**
 * Meaningful Perturbation's deletion game (Fong & Vedaldi, ICCV 2017) for several jobs in one
 * batched model pass: minimise f_t(x*M + b*(1-M)) + l1 * |1 - m| + tv * TV_beta(m), where
 * M = blur(upsample(m)) and x, b are cropped at this step's jitter offset. Randomness (jitter
 * offsets, noise) is passed in, so the gradient can be checked against finite differences.
 */
import type { Resampler } from '@saliency-bench/core';
import { rowsLoss } from '../common/head-loss.js';
import { allocLike, sign, type FloatArray } from '../math/floats.js';
import { gaussianFilter, gaussianFilterAdjoint } from '../math/gaussian-filter.js';
import { totalVariationIsotropic, totalVariationMean } from '../math/total-variation.js';
import type { DifferentiableModel } from '../common/differentiable-model.js';
import type { MpSettings } from './mp-options.js';

export interface MpJobData {
  /** Model-normalised image at (h + jitter) x (w + jitter). */
  x: Float32Array;
  /** Blurred baseline, same layout. */
  baseline: Float32Array;
  target: number;
}

export interface MpGeometry {
  channels: number;
  h: number;
  w: number;
  jitter: number;
  maskH: number;
  maskW: number;
  resampler: Resampler;
}

export interface MpStepNoise {
  offsetY: number;
  offsetX: number;
  /** Added to the mask before upsampling (then clipped); the gradient passes straight through, as in the Caffe code. */
  maskNoise: FloatArray | null;
  /** Added to the perturbed input. */
  inputNoise: FloatArray | null;
}

export type MpWeights = Pick<MpSettings, 'l1Weight' | 'l1Reduction' | 'tvWeight' | 'tvBeta' | 'tvForm' | 'maskBlur'>;

/** The mask as applied to the image: blur(upsample(clip(m + noise))). */
export function mpUpsampledMask(mask: FloatArray, noise: FloatArray | null, geometry: MpGeometry, maskBlur: number): FloatArray {
  let m = mask;
  if (noise) {
    m = mask.slice();
    for (let i = 0; i < m.length; i++) m[i] = Math.min(1, Math.max(0, m[i] + noise[i]));
  }
  const up = geometry.resampler.forward(m);
  return maskBlur > 0 ? gaussianFilter(up, 1, geometry.h, geometry.w, maskBlur, 'replicate') : up;
}

/** Index in the jittered image of (c, y, x) of the crop at (offsetY, offsetX). */
function cropIndex(geometry: MpGeometry, c: number, y: number, x: number, step: MpStepNoise): number {
  const ph = geometry.h + geometry.jitter;
  const pw = geometry.w + geometry.jitter;
  return (c * ph + y + step.offsetY) * pw + x + step.offsetX;
}

export async function meaningfulPerturbationObjective(
  model: DifferentiableModel,
  jobs: readonly MpJobData[],
  masks: readonly FloatArray[],
  steps: readonly MpStepNoise[],
  weights: MpWeights,
  geometry: MpGeometry,
): Promise<{ loss: number; gradient: FloatArray; probability: number }[]> {
  const { channels, h, w } = geometry;
  const plane = h * w;
  const size = channels * plane;
  const classes = model.classes;
  const applied = masks.map((mask, j) => mpUpsampledMask(mask, steps[j].maskNoise, geometry, weights.maskBlur));
  const batch = allocLike(masks[0], jobs.length * size);
  jobs.forEach((job, j) => {
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const src = cropIndex(geometry, c, y, x, steps[j]);
          const m = applied[j][y * w + x];
          const noise = steps[j].inputNoise ? steps[j].inputNoise![c * plane + y * w + x] : 0;
          batch[j * size + c * plane + y * w + x] = job.x[src] * m + job.baseline[src] * (1 - m) + noise;
        }
      }
    }
  });
  // The loss head: the target's probability, weight 1.
  const head = new Float64Array(jobs.length * classes);
  jobs.forEach((job, j) => (head[j * classes + job.target] = 1));
  const { gInput, parts } = await model.lossGradient(batch, jobs.length, { probability: head });
  const scores = jobs.map((_, j) => rowsLoss(parts, j, 1));
  return jobs.map((job, j) => {
    let gApplied = allocLike(masks[0], plane);
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const src = cropIndex(geometry, c, y, x, steps[j]);
          gApplied[y * w + x] += gInput[j * size + c * plane + y * w + x] * (job.x[src] - job.baseline[src]);
        }
      }
    }
    if (weights.maskBlur > 0) gApplied = gaussianFilterAdjoint(gApplied, 1, h, w, weights.maskBlur, 'replicate');
    const gradient = geometry.resampler.adjoint(gApplied);
    const mask = masks[j];
    const scale = weights.l1Reduction === 'mean' ? 1 / mask.length : 1;
    let l1 = 0;
    for (let i = 0; i < mask.length; i++) {
      l1 += Math.abs(1 - mask[i]);
      gradient[i] += weights.l1Weight * scale * sign(mask[i] - 1);
    }
    const tvOf = weights.tvForm === 'isotropic-sum' ? totalVariationIsotropic : totalVariationMean;
    const tv = weights.tvWeight > 0 ? tvOf(mask, geometry.maskH, geometry.maskW, weights.tvBeta, weights.tvWeight, gradient) : 0;
    const loss = scores[j] + weights.l1Weight * scale * l1 + weights.tvWeight * tv;
    return { loss, gradient, probability: scores[j] };
  });
}
