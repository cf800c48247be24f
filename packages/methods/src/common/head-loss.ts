import { LOSS_HEAD_PARTS } from '@saliency-bench/core';
import type { FloatArray } from '../math/floats.js';

/** The loss of `count` rows from `first` on: the sum of their loss head parts. */
export function rowsLoss(parts: FloatArray, first: number, count: number): number {
  const width = LOSS_HEAD_PARTS.length;
  let total = 0;
  for (let i = first * width; i < (first + count) * width; i++) total += parts[i];
  return total;
}
