/**
 * The model's output activation applied to logits: sigmoid for multi-label models, softmax for
 * single-label ones. The one place it is computed: each row in float64 (methods' losses and their
 * finite-difference checks need it), rounded once when stored as float32.
 */
import type { Activation } from '../types.js';

/** Probabilities of one row of logits (`classes` values from `offset`), in float64. */
export function rowProbabilities(logits: ArrayLike<number>, offset: number, classes: number, activation: Activation): Float64Array {
  const out = new Float64Array(classes);
  if (activation === 'sigmoid') {
    for (let k = 0; k < classes; k++) out[k] = 1 / (1 + Math.exp(-logits[offset + k]));
    return out;
  }
  // Softmax, shifted by the row's maximum so that exp cannot overflow.
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

/** Logits [n, K] to probabilities [n, K] as float32. */
export function probabilities(logits: Float32Array, n: number, activation: Activation): Float32Array {
  const classes = logits.length / n;
  const out = new Float32Array(logits.length);
  for (let row = 0; row < n; row++) out.set(rowProbabilities(logits, row * classes, classes, activation), row * classes);
  return out;
}
