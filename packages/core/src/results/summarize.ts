/** Summary statistics of one result series: n, mean (the metric's statistic), std, bootstrap CI, counts. */
import type { DoneRecord, MetricRecord, Random } from '../types.js';

export interface Summary {
  n: number;
  mean: number;
  std: number;
  ciLow: number;
  ciHigh: number;
  skipped: number;
  failed: number;
}

export type Statistic = (records: DoneRecord[]) => number;

export const meanOfValues: Statistic = (records) => records.reduce((sum, r) => sum + r.value, 0) / records.length;

/**
 * Records must come in a fixed order (sorted by key) for the bootstrap to be reproducible.
 * The CI is the percentile interval of the statistic over `resamples` resamples with replacement.
 */
export function summarize(records: MetricRecord[], statistic: Statistic, random: Random, resamples = 1000): Summary {
  const done = records.filter((r): r is DoneRecord => r.state === 'done');
  const skipped = records.filter((r) => r.state === 'skipped').length;
  const failed = records.filter((r) => r.state === 'failed').length;
  if (done.length === 0) return { n: 0, mean: NaN, std: NaN, ciLow: NaN, ciHigh: NaN, skipped, failed };
  const values = done.map((r) => r.value);
  const average = values.reduce((a, b) => a + b, 0) / values.length;
  const std = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - average) ** 2, 0) / (values.length - 1)) : 0;
  const estimates = new Float64Array(resamples);
  const resample: DoneRecord[] = new Array(done.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < done.length; i++) resample[i] = done[Math.floor(random.uniform() * done.length)];
    estimates[b] = statistic(resample);
  }
  const finite = estimates.filter(Number.isFinite).sort();
  return {
    n: done.length,
    mean: statistic(done),
    std,
    ciLow: quantile(finite, 0.025),
    ciHigh: quantile(finite, 0.975),
    skipped,
    failed,
  };
}

/** Linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
