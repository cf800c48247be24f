import type { Activation } from '../types.js';

/** Logits [n, K] to probabilities with the model's own activation. */
export function probabilities(logits: Float32Array, n: number, activation: Activation): Float32Array {
  const classes = logits.length / n;
  const out = new Float32Array(logits.length);
  if (activation === 'sigmoid') {
    for (let i = 0; i < logits.length; i++) out[i] = 1 / (1 + Math.exp(-logits[i]));
    return out;
  }
  for (let row = 0; row < n; row++) {
    const offset = row * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += out[offset + k] = Math.exp(logits[offset + k] - max);
    for (let k = 0; k < classes; k++) out[offset + k] /= sum;
  }
  return out;
}
