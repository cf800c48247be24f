/**
 * Each method's rank per metric on the units every ranked method finished, and how stable it is:
 * the share of bootstrap resamples of those units (seeded) in which the method holds that rank,
 * and the full distribution of its ranks. Rank 1 is the best in the metric's direction; ties share
 * the better rank (1, 2, 2, 4).
 */
import { createRandom } from '../random.js';
import type { Family } from './compare-methods.js';
import { byJob, meanOf, sharedUnits } from './paired-units.js';

export interface RankRow {
  dataset: string;
  model: string;
  metric: string;
  higherIsBetter: boolean;
  method: string;
  rank: number;
  value: number;
  /** Share of resamples in which the method holds `rank`. */
  rankFrequency: number;
  /** frequencies[r - 1]: share of resamples with rank r. */
  frequencies: number[];
  n: number;
}

export function competitionRanks(values: readonly number[], higherIsBetter: boolean): number[] {
  return values.map((v) => 1 + values.filter((w) => (higherIsBetter ? w > v : w < v)).length);
}

export function rankFamily(family: Family, seed: number, resamples = 1000): RankRow[] {
  // Methods with no finished record (a metric they cannot be scored on) are left out of the ranking.
  const ranked = family.methods.map((method, i) => ({ method, records: family.records[i] })).filter(({ records }) => [...records.values()].some((r) => r.state === 'done'));
  if (ranked.length === 0) return [];
  const shared = sharedUnits(ranked.map((r) => r.records), family.semantics.pairingUnit ?? byJob);
  const n = shared.units.length;
  if (n === 0) return [];
  const { higherIsBetter } = family.semantics;
  const observed = competitionRanks(shared.values.map(meanOf), higherIsBetter);
  const counts = ranked.map(() => new Array<number>(ranked.length).fill(0));
  const random = createRandom(seed, 'ranks', family.dataset, family.model, family.metric);
  const picks = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) picks[i] = Math.floor(random.uniform() * n);
    const means = shared.values.map((values) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += values[picks[i]];
      return sum / n;
    });
    competitionRanks(means, higherIsBetter).forEach((rank, m) => counts[m][rank - 1]++);
  }
  return ranked.map(({ method }, m) => ({
    dataset: family.dataset, model: family.model, metric: family.metric, higherIsBetter, method,
    rank: observed[m], value: meanOf(shared.values[m]),
    rankFrequency: counts[m][observed[m] - 1] / resamples,
    frequencies: counts[m].map((c) => c / resamples),
    n,
  })).sort((a, b) => a.rank - b.rank || a.method.localeCompare(b.method));
}
