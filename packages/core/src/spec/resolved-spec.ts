/** The spec after validation: defaults filled in, plugin options merged, ids assigned. */
import type { DatasetPlugin, MethodPlugin, MetricPlugin, ModelPlugin } from '../types.js';
import type { SkippedPair } from './output-pairs.js';

export interface SpecEntry {
  use: string;
  id: string;
  /** The plugin's version, so that a changed plugin changes the spec hash. */
  version: string;
  options: Record<string, unknown>;
}

export type TargetMode = 'ground-truth' | 'correct' | 'top-k' | 'random-other';

export interface ResolvedSpec {
  name: string;
  description?: string;
  seed: number;
  plugins: string[];
  /** SHA-256 of each plugin given as a file path (by specifier): part of the spec hash. */
  pluginFiles?: Record<string, string>;
  datasets: SpecEntry[];
  models: SpecEntry[];
  methods: SpecEntry[];
  metrics: SpecEntry[];
  targets: { mode: TargetMode; k: number };
  limit?: number;
  execution: { batchSize: number; threads: number; provider: string; prefetch: number; skipBadSamples: boolean };
  output: string;
}

export interface PlannedEntry<P> {
  entry: SpecEntry;
  plugin: P;
  source: string;
}

/** A validated spec ready to run. */
export interface Plan {
  file: string;
  baseDir: string;
  spec: ResolvedSpec;
  /** Hash of everything that changes results (not execution settings or the output path). */
  hash: string;
  datasets: PlannedEntry<DatasetPlugin<any>>[];
  models: PlannedEntry<ModelPlugin<any>>[];
  methods: PlannedEntry<MethodPlugin<any>>[];
  metrics: PlannedEntry<MetricPlugin<any>>[];
  /** Method x metric pairs whose records are skipped: the metric requires an output the method does not declare. */
  skippedPairs: SkippedPair[];
}
