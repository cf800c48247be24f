/**
 * The paired bootstrap (Efron & Tibshirani 1993, ch. 13): resample the paired units with
 * replacement, keeping each pair together, and take the percentile interval of the mean difference.
 * Pairing removes the between-unit variance that both methods share (easy and hard images).
 */
import { quantile } from '../results/summarize.js';
import type { Random } from '../types.js';

export interface PairedInterval {
  /** mean(a - b) over the units. */
  meanDifference: number;
  ciLow: number;
  ciHigh: number;
  n: number;
}

export function pairedBootstrap(a: readonly number[], b: readonly number[], random: Random, resamples = 2000, level = 0.95): PairedInterval {
  if (a.length !== b.length) throw new Error(`paired bootstrap: ${a.length} vs ${b.length} values`);
  const n = a.length;
  if (n === 0) return { meanDifference: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, n };
  const differences = a.map((value, i) => value - b[i]);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[Math.floor(random.uniform() * n)];
    means[r] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return { meanDifference: differences.reduce((s, d) => s + d, 0) / n, ciLow: quantile(means, tail), ciHigh: quantile(means, 1 - tail), n };
}
