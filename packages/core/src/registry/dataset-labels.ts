/**
 * The labels of every sample of a saved spec's datasets (up to its limit), by sample id: the
 * random-logit check must tell a sample's labelled classes from its random other class.
 */
import { dirname } from 'node:path';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { DatasetPlugin } from '../types.js';
import { Registry, type BuiltinTables } from './registry.js';

export async function datasetLabels(spec: ResolvedSpec, specFile: string, builtins: BuiltinTables): Promise<Map<string, Map<string, number[]>>> {
  const registry = new Registry(builtins);
  for (const specifier of spec.plugins) await registry.addModule(specifier, dirname(specFile));
  const labels = new Map<string, Map<string, number[]>>();
  for (const entry of spec.datasets) {
    const found = await registry.get('dataset', entry.use);
    if (!found) throw new Error(`dataset "${entry.use}" of ${specFile} is not available; install or restore its plugin`);
    const dataset = await (found.plugin as DatasetPlugin).create(entry.options, { baseDir: dirname(specFile), seed: spec.seed });
    const count = Math.min(await dataset.size(), spec.limit ?? Infinity);
    const bySample = new Map<string, number[]>();
    for (let i = 0; i < count; i++) {
      const sample = await dataset.load(i);
      bySample.set(sample.id, [...new Set(sample.labels)]);
    }
    await dataset.dispose?.();
    labels.set(entry.id, bySample);
  }
  return labels;
}
