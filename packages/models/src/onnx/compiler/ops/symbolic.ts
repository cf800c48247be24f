/**
 * Sizes that involve the batch symbol: a dim is a number, 'N', or 'N*k'. Enough to resolve the
 * -1 of Reshape/Flatten in exported classifiers, whose only dynamic dimension is the batch.
 */
import type { Dim } from './op-rule.js';

export interface SymbolicSize {
  /** Power of N. */
  n: number;
  k: number;
}

export function parseDim(dim: Dim): SymbolicSize | undefined {
  if (typeof dim === 'number') return { n: 0, k: dim };
  if (dim === 'N') return { n: 1, k: 1 };
  const match = /^N\*(\d+)$/.exec(dim);
  return match ? { n: 1, k: Number(match[1]) } : undefined;
}

export function formatDim(size: SymbolicSize): Dim {
  if (size.n === 0) return size.k;
  if (size.n === 1) return size.k === 1 ? 'N' : `N*${size.k}`;
  return `N^${size.n}*${size.k}`;
}

export function sizeOf(dims: readonly Dim[]): SymbolicSize | undefined {
  let n = 0;
  let k = 1;
  for (const dim of dims) {
    const size = parseDim(dim);
    if (!size) return undefined;
    n += size.n;
    k *= size.k;
  }
  return { n, k };
}

/** total / part, when it is a whole symbolic size. */
export function divideSize(total: SymbolicSize, part: SymbolicSize): SymbolicSize | undefined {
  if (part.n > total.n || part.k === 0 || total.k % part.k !== 0) return undefined;
  return { n: total.n - part.n, k: total.k / part.k };
}
