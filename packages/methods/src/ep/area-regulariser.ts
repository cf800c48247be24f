/**
 * Extremal Perturbation's area constraint: -mean((sort(m) - r_a)^2), where r_a has
 * floor((1 - a) N) zeros then ones, i.e. the sorted mask should look like a binary mask of area a.
 *
 * Speed: no permutation is built. The value sums over the natively sorted copy (the same values in
 * the same rank order), and an entry's target is 0 exactly when its rank is below floor((1 - a) N):
 * it is below the threshold value T = sorted[zeros - 1], or equal to T and among the first
 * (zeros - #below T) such entries in index order (the stable sort's tie rule).
 */
import type { FloatArray } from '../math/floats.js';

/** Returns the regulariser's value; adds scale * d/dm into grad. */
export function areaRegulariser(mask: FloatArray, area: number, scale: number, grad: FloatArray): number {
  const n = mask.length;
  const zeros = Math.floor(n * (1 - area));
  const sorted = mask.slice().sort();
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    const diff = sorted[rank] - (rank < zeros ? 0 : 1);
    total += diff * diff;
  }
  const threshold = zeros > 0 ? sorted[zeros - 1] : -Infinity;
  let tiesAtZero = zeros - firstNotBelow(sorted, threshold);
  for (let i = 0; i < n; i++) {
    const value = mask[i];
    const zeroTarget = value < threshold || (value === threshold && tiesAtZero-- > 0);
    const diff = value - (zeroTarget ? 0 : 1);
    grad[i] += (scale * -2 * diff) / n;
  }
  return -total / n;
}

/** The first index of an ascending array whose value is not below `value`. */
function firstNotBelow(sorted: FloatArray, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
