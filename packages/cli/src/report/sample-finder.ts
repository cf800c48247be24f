/**
 * Re-opens a run's datasets through the plugins its spec.json names (built-ins and the spec's own
 * plugin modules), so the report can draw the images the maps were computed on.
 */
import { dirname } from 'node:path';
import { Registry, type Dataset, type DatasetPlugin, type ResolvedSpec, type Sample } from '@saliency-bench/core';
import { builtins } from '../builtins.js';

export async function openDataset(spec: ResolvedSpec, specFile: string, datasetId: string): Promise<Dataset> {
  const entry = spec.datasets.find((d) => d.id === datasetId);
  if (!entry) throw new Error(`dataset "${datasetId}" is not in the run's spec.json`);
  const registry = new Registry(builtins);
  const baseDir = dirname(specFile);
  for (const specifier of spec.plugins) await registry.addModule(specifier, baseDir);
  const found = await registry.get('dataset', entry.use);
  if (!found) throw new Error(`dataset plugin "${entry.use}" named by ${specFile} is not available; install or restore it`);
  return (found.plugin as DatasetPlugin).create(entry.options, { baseDir, seed: spec.seed });
}

/**
 * The samples with the given ids: straight to them when the dataset has `indexOf`; otherwise a
 * scan from the start (runs take samples 0..n-1 in order) that stops once every id is found.
 */
export async function findSamples(dataset: Dataset, ids: Iterable<string>, limit?: number): Promise<Map<string, Sample>> {
  const wanted = new Set(ids);
  const found = new Map<string, Sample>();
  const count = Math.min(await dataset.size(), limit ?? Infinity);
  if (dataset.indexOf) {
    for (const id of wanted) {
      const index = dataset.indexOf(id);
      if (index === undefined || index >= count) continue;
      const sample = await dataset.load(index);
      if (sample.id === id) found.set(id, sample);
    }
    return found;
  }
  for (let index = 0; index < count && found.size < wanted.size; index++) {
    const sample = await dataset.load(index);
    if (wanted.has(sample.id)) found.set(sample.id, sample);
  }
  return found;
}
