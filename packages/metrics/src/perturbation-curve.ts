/**
 * The causal curves of RISE (Petsiuk et al., BMVC 2018): the image moves from a start image to an
 * end image `step` pixels at a time, most salient pixels first, and the model scores every step.
 * Deletion goes from the image to the substrate, insertion from the substrate to the image.
 */
import { probabilities, type Classifier } from '@saliency-bench/core';

/** Pixel indices by decreasing saliency; equal values keep index order (a stable, reproducible tie-break). */
export function saliencyOrder(map: Float32Array): Uint32Array {
  const order = new Uint32Array(map.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => map[b] - map[a] || a - b);
}

/** Number of steps N = ceil(HW / step); the curve has N + 1 points. */
export function stepCount(pixels: number, step: number): number {
  return Math.ceil(pixels / step);
}

/** Trapezoid rule on unit spacing over [0, 1]: (sum(s) - s_0/2 - s_N/2) / N. */
export function areaUnderCurve(scores: ArrayLike<number>): number {
  const steps = scores.length - 1;
  if (steps < 1) throw new Error(`areaUnderCurve: need at least 2 points, got ${scores.length}`);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += scores[i];
  return (sum - scores[0] / 2 - scores[steps] / 2) / steps;
}

export interface CurveInput {
  model: Classifier;
  /** Model-normalised CHW images at the model's input shape. */
  start: Float32Array;
  end: Float32Array;
  order: Uint32Array;
  step: number;
  batchSize: number;
  signal?: AbortSignal;
  /** The probabilities of `start` or `end` when already known (the clean pass): that row is not sent to the model. */
  startProbabilities?: ArrayLike<number>;
  endProbabilities?: ArrayLike<number>;
}

/** Probabilities [N + 1, K]: row i is the image with the first min(i*step, HW) ordered pixels taken from `end` (known rows copied). */
export async function perturbationCurve(input: CurveInput): Promise<{ probs: Float64Array; points: number; classes: number }> {
  const { model, start, end, order, step, batchSize } = input;
  const [channels, height, width] = model.info.inputShape;
  const plane = height * width;
  const size = channels * plane;
  const points = stepCount(plane, step) + 1;
  const classes = model.info.classes.length;
  const probs = new Float64Array(points * classes);
  const work = Float32Array.from(start);
  const batch = new Float32Array(Math.min(batchSize, points) * size);
  let moved = 0;
  if (input.startProbabilities) probs.set(input.startProbabilities, 0);
  if (input.endProbabilities) probs.set(input.endProbabilities, (points - 1) * classes);
  const stop = input.endProbabilities ? points - 1 : points;
  for (let first = input.startProbabilities ? 1 : 0; first < stop; first += batchSize) {
    if (input.signal?.aborted) throw new Error('perturbation curve aborted');
    const count = Math.min(batchSize, stop - first);
    for (let slot = 0; slot < count; slot++) {
      const target = Math.min((first + slot) * step, plane);
      for (; moved < target; moved++) {
        const pixel = order[moved];
        for (let c = 0; c < channels; c++) work[c * plane + pixel] = end[c * plane + pixel];
      }
      batch.set(work, slot * size);
    }
    const logits = await model.forward(count === batchSize ? batch : batch.subarray(0, count * size), count);
    if (logits.length !== count * classes) {
      throw new Error(`model ${model.info.name} returned ${logits.length} logits for ${count} images of ${classes} classes`);
    }
    probs.set(probabilities(logits, count, model.info.activation), first * classes);
  }
  return { probs, points, classes };
}
