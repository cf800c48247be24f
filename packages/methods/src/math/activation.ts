/**
 * The model's output activation (sigmoid for multi-label, softmax for single-label models) and the
 * chain rule through it: methods compute losses on probabilities, the model's vjp takes dL/dlogits.
 */
import type { Activation } from '@saliency-bench/core';

export type { Activation };

/** Probabilities of one row of logits, in float64. */
export function probabilities(logits: ArrayLike<number>, offset: number, classes: number, activation: Activation): Float64Array {
  const out = new Float64Array(classes);
  if (activation === 'sigmoid') {
    for (let k = 0; k < classes; k++) out[k] = 1 / (1 + Math.exp(-logits[offset + k]));
    return out;
  }
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    out[k] = Math.exp(logits[offset + k] - max);
    sum += out[k];
  }
  for (let k = 0; k < classes; k++) out[k] /= sum;
  return out;
}

/**
 * dL/dlogits from dL/dprobs for one row: sigmoid is elementwise p(1-p); softmax's Jacobian is
 * diag(p) - p p^T, so J^T g = p * (g - <g, p>).
 */
export function logitGradient(
  probs: Float64Array,
  gProbs: Float64Array,
  activation: Activation,
  out: Float32Array | Float64Array,
  offset: number,
): void {
  const classes = probs.length;
  if (activation === 'sigmoid') {
    for (let k = 0; k < classes; k++) out[offset + k] = gProbs[k] * probs[k] * (1 - probs[k]);
    return;
  }
  let dot = 0;
  for (let k = 0; k < classes; k++) dot += gProbs[k] * probs[k];
  for (let k = 0; k < classes; k++) out[offset + k] = probs[k] * (gProbs[k] - dot);
}
