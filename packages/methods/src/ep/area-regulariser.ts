/**
 * Extremal Perturbation's area constraint: -mean((sort(m) - r_a)^2), where r_a has
 * floor((1 - a) N) zeros then ones, i.e. the sorted mask should look like a binary mask of area a.
 */
import type { FloatArray } from '../math/floats.js';

/** Returns the regulariser's value; adds scale * d/dm into grad (through the sort permutation). */
export function areaRegulariser(mask: FloatArray, area: number, scale: number, grad: FloatArray): number {
  const n = mask.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mask[a] - mask[b] || a - b);
  const zeros = Math.floor(n * (1 - area));
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    const i = order[rank];
    const diff = mask[i] - (rank < zeros ? 0 : 1);
    total += diff * diff;
    grad[i] += (scale * -2 * diff) / n;
  }
  return -total / n;
}
