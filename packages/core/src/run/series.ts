/** Every (dataset, model, method) series of a spec crossed with its metrics, in spec order. */
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import { NO_MODEL, type SeriesKey } from './run-store.js';

export function* seriesMetrics(spec: ResolvedSpec): Generator<{ series: SeriesKey; metric: string }> {
  const models = spec.models.length > 0 ? spec.models.map((m) => m.id) : [NO_MODEL];
  for (const dataset of spec.datasets) {
    for (const model of models) {
      for (const method of spec.methods) {
        for (const metric of spec.metrics) yield { series: { dataset: dataset.id, model, method: method.id }, metric: metric.id };
      }
    }
  }
}
