/**
 * Everything a report reads from a run directory: the saved spec, the manifest, the leaderboard
 * (read by column name, so added columns do not disturb it) and every record of every series.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { NO_MODEL, RunStore, type MetricRecord, type ResolvedSpec, type SeriesKey, type Summary } from '@saliency-bench/core';

/** One leaderboard row: core's Summary of a series, with the series it belongs to. */
export interface LeaderboardEntry extends Summary {
  dataset: string;
  model: string;
  method: string;
  metric: string;
  higherIsBetter: boolean;
}

/** The records of one (dataset, model) pair: method id -> metric id -> job key -> record. */
export type PairRecords = Map<string, Map<string, Map<string, MetricRecord>>>;

export interface RunContents {
  dir: string;
  store: RunStore;
  spec: ResolvedSpec;
  specFile: string;
  hash: string;
  manifest?: Record<string, unknown>;
  leaderboard: LeaderboardEntry[];
  pairs: { dataset: string; model: string; records: PairRecords }[];
}

export async function readRunContents(dir: string): Promise<RunContents> {
  const { store, spec, specFile, hash } = await RunStore.existing(dir);
  const manifest = await readFile(join(dir, 'manifest.json'), 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>, () => undefined);
  const leaderboard = await readLeaderboard(join(dir, 'leaderboard.csv'));
  const models = spec.models.length > 0 ? spec.models.map((m) => m.id) : [NO_MODEL];
  const pairs: RunContents['pairs'] = [];
  for (const dataset of spec.datasets) {
    for (const model of models) {
      const records: PairRecords = new Map();
      for (const method of spec.methods) {
        const byMetric = new Map<string, Map<string, MetricRecord>>();
        for (const metric of spec.metrics) {
          const series: SeriesKey = { dataset: dataset.id, model, method: method.id };
          byMetric.set(metric.id, await store.readRecords(series, metric.id));
        }
        records.set(method.id, byMetric);
      }
      pairs.push({ dataset: dataset.id, model, records });
    }
  }
  return { dir, store, spec, specFile, hash, manifest, leaderboard, pairs };
}

async function readLeaderboard(path: string): Promise<LeaderboardEntry[]> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const number = (value: string | undefined) => (value === undefined || value === '' ? NaN : Number(value));
  return rows.map((row) => ({
    dataset: row.dataset,
    model: row.model,
    method: row.method,
    metric: row.metric,
    higherIsBetter: row.higher_is_better === 'true',
    n: number(row.n),
    mean: number(row.mean),
    std: number(row.std),
    ciLow: number(row.ci_low),
    ciHigh: number(row.ci_high),
    skipped: number(row.skipped),
    failed: number(row.failed),
  }));
}
