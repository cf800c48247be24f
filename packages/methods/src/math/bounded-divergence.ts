/**
 * RP's "bounded divergence" (named bounded_kl in the reference code; it is not a KL):
 * BD(p, q) = mean_k log2(|p_k - q_k| + 1), bounded in [0, 1] for probabilities.
 */
import { sign } from './floats.js';

/**
 * BD over the entries of p and q selected by `indices`; adds scale * dBD/dq into gq and returns BD.
 */
export function boundedDivergence(
  p: Float64Array,
  q: Float64Array,
  indices: readonly number[],
  scale: number,
  gq: Float64Array,
): number {
  let total = 0;
  const n = indices.length;
  for (const k of indices) {
    const diff = p[k] - q[k];
    const abs = Math.abs(diff);
    total += Math.log2(abs + 1);
    // d/dq log2(|p - q| + 1) = -sign(p - q) / ((|p - q| + 1) ln 2)
    gq[k] += (scale * -sign(diff)) / ((abs + 1) * Math.LN2 * n);
  }
  return total / n;
}
