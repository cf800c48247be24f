/**
 * The official MP code's "circle" initialisation (helpers.py test_circular_masks): delete
 * blurred discs of growing radius (0..170 px in steps of 5 at 224 px, scaled to the model) and
 * start from the first disc whose deletion brings the target within 1% of the largest disc's
 * score; the initial mask is 1 - that blurred disc, sampled down to the mask grid.
 */
import { rowProbabilities } from '@saliency-bench/core';
import { gaussianFilter } from '../math/gaussian-filter.js';
import type { DifferentiableModel } from '../common/differentiable-model.js';

const RADII_AT_224 = Array.from({ length: 35 }, (_, i) => 5 * i);
const THRESHOLD = 1e-2;

/** A disc of radius r at the centre (int(w/2), int(h/2)), blurred with sigma; 1 inside. */
export function blurredDisc(h: number, w: number, radius: number, sigma: number): Float32Array {
  const disc = new Float32Array(h * w);
  const cy = Math.floor(h / 2);
  const cx = Math.floor(w / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) disc[y * w + x] = (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius ? 1 : 0;
  }
  return gaussianFilter(disc, 1, h, w, sigma, 'replicate') as Float32Array;
}

export interface CircleInitInput {
  /** Model-normalised image and baseline at h x w. */
  x: Float32Array;
  baseline: Float32Array;
  /** The model's logits of x (its clean pass). */
  cleanLogits: Float32Array;
  target: number;
}

/** The initial mask (maskH x maskW) for one job; one batched forward pass over all radii. */
export async function circleInit(
  model: DifferentiableModel,
  input: CircleInitInput,
  channels: number,
  h: number,
  w: number,
  maskH: number,
  maskW: number,
): Promise<Float32Array> {
  const scale = Math.min(h, w) / 224;
  const sigma = 10 * scale;
  const keeps = RADII_AT_224.map((r) => blurredDisc(h, w, r * scale, sigma).map((v) => 1 - v));
  const plane = h * w;
  const batch = new Float32Array(keeps.length * channels * plane);
  keeps.forEach((keep, r) => {
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < plane; i++) {
        const k = c * plane + i;
        batch[r * channels * plane + k] = input.x[k] * keep[i] + input.baseline[k] * (1 - keep[i]);
      }
    }
  });
  const classes = model.classes;
  const logits = await model.forward(batch, keeps.length);
  const original = rowProbabilities(input.cleanLogits, 0, classes, model.activation)[input.target];
  const scores = keeps.map((_, r) => rowProbabilities(logits, r * classes, classes, model.activation)[input.target]);
  const last = scores[scores.length - 1];
  let chosen = scores.findIndex((s) => (s - last) / (original - last) < THRESHOLD);
  if (chosen < 0) chosen = scores.length - 1;
  const keep = keeps[chosen];
  const init = new Float32Array(maskH * maskW);
  for (let y = 0; y < maskH; y++) {
    const sy = Math.min(h - 1, Math.floor(((y + 0.5) * h) / maskH));
    for (let x = 0; x < maskW; x++) init[y * maskW + x] = keep[sy * w + Math.min(w - 1, Math.floor(((x + 0.5) * w) / maskW))];
  }
  return init;
}
