/**
 * Paired comparisons of methods within each (dataset, model, metric): for every pair, on the units
 * both finished, the mean difference with a seeded paired bootstrap 95% interval, a Wilcoxon
 * signed-rank p-value, and a verdict after Holm's correction over the pairs of that metric.
 */
import { createRandom } from '../random.js';
import type { MetricSemantics } from '../results/leaderboard.js';
import type { RunStore, SeriesKey } from '../run/run-store.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import { holmAdjust } from '../stats/holm.js';
import { pairedBootstrap } from '../stats/paired-bootstrap.js';
import { wilcoxonSignedRank } from '../stats/wilcoxon.js';
import type { MetricRecord } from '../types.js';
import { byJob, meanOf, sharedUnits } from './paired-units.js';

export interface CompareFilter {
  datasets?: string[];
  models?: string[];
  methods?: string[];
  metrics?: string[];
  /** Family-wise error rate of the verdicts. */
  alpha?: number;
}

export interface Comparison {
  dataset: string;
  model: string;
  metric: string;
  higherIsBetter: boolean;
  methodA: string;
  methodB: string;
  /** Units compared (jobs, or classes for the pointing game) and the jobs behind them. */
  unit: string;
  n: number;
  jobs: number;
  meanA: number;
  meanB: number;
  /** meanA - meanB, with its paired bootstrap interval. */
  difference: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  pTest: 'exact' | 'normal';
  pHolm: number;
  /** The better method's id, or "-" when the corrected p-value is not below alpha. */
  better: string;
}

/** The records of every (dataset, model) x metric family, per method, in spec order. */
export interface Family {
  dataset: string;
  model: string;
  metric: string;
  semantics: MetricSemantics;
  methods: string[];
  records: Map<string, MetricRecord>[];
}

export async function readFamilies(store: RunStore, spec: ResolvedSpec, semantics: Record<string, MetricSemantics>, filter: CompareFilter = {}): Promise<Family[]> {
  const pick = <T extends { id: string }>(entries: T[], wanted?: string[], what = '') => {
    const unknown = (wanted ?? []).filter((id) => !entries.some((e) => e.id === id));
    if (unknown.length > 0) throw new CompareInputError(`no ${what} ${unknown.map((u) => `"${u}"`).join(', ')} in this run; it has ${entries.map((e) => e.id).join(', ')}`);
    return entries.filter((e) => !wanted || wanted.includes(e.id));
  };
  const models = spec.models.length > 0 ? spec.models : [{ id: 'none' }];
  const methods = pick(spec.methods, filter.methods, 'method').map((m) => m.id);
  const families: Family[] = [];
  for (const dataset of pick(spec.datasets, filter.datasets, 'dataset')) {
    for (const model of pick(models, filter.models, 'model')) {
      for (const metric of pick(spec.metrics, filter.metrics, 'metric')) {
        const records = await Promise.all(methods.map((method) => store.readRecords({ dataset: dataset.id, model: model.id, method } as SeriesKey, metric.id)));
        families.push({ dataset: dataset.id, model: model.id, metric: metric.id, semantics: semantics[metric.id], methods, records });
      }
    }
  }
  return families;
}

export class CompareInputError extends Error {}

export function compareFamily(family: Family, seed: number, alpha = 0.05): Comparison[] {
  const unitOf = family.semantics.pairingUnit ?? byJob;
  const rows: Omit<Comparison, 'pHolm' | 'better'>[] = [];
  for (let a = 0; a < family.methods.length; a++) {
    for (let b = a + 1; b < family.methods.length; b++) {
      const shared = sharedUnits([family.records[a], family.records[b]], unitOf);
      if (shared.units.length === 0) continue;
      const [valuesA, valuesB] = shared.values;
      const random = createRandom(seed, 'compare', family.dataset, family.model, family.metric, family.methods[a], family.methods[b]);
      const interval = pairedBootstrap(valuesA, valuesB, random);
      const test = wilcoxonSignedRank(valuesA.map((v, i) => v - valuesB[i]));
      rows.push({
        dataset: family.dataset, model: family.model, metric: family.metric, higherIsBetter: family.semantics.higherIsBetter,
        methodA: family.methods[a], methodB: family.methods[b],
        unit: family.semantics.pairingUnit ? shared.units[0].split(' ')[0] : 'job', n: shared.units.length, jobs: shared.jobs,
        meanA: meanOf(valuesA), meanB: meanOf(valuesB), difference: interval.meanDifference, ciLow: interval.ciLow, ciHigh: interval.ciHigh,
        pValue: test.pValue, pTest: test.method,
      });
    }
  }
  const adjusted = holmAdjust(rows.map((r) => r.pValue));
  return rows.map((row, i) => {
    const aWins = row.higherIsBetter ? row.difference > 0 : row.difference < 0;
    const better = adjusted[i] < alpha && row.difference !== 0 ? (aWins ? row.methodA : row.methodB) : '-';
    return { ...row, pHolm: adjusted[i], better };
  });
}
