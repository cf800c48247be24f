/** The leaderboard: one row per (dataset, model, method, metric), as CSV and as a terminal table. */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../atomic-write.js';
import { createRandom } from '../random.js';
import { methodPhase, metricPhase, readCost, type CostSummary } from '../run/cost-log.js';
import type { RunStore } from '../run/run-store.js';
import { seriesMetrics } from '../run/series.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { DoneRecord } from '../types.js';
import { meanOfValues, summarize, type Statistic, type Summary } from './summarize.js';

export interface MetricSemantics {
  higherIsBetter: boolean;
  statistic?: Statistic;
  pairingUnit?: (record: DoneRecord) => string;
}

export interface LeaderboardRow extends Summary {
  dataset: string;
  model: string;
  method: string;
  metric: string;
  higherIsBetter: boolean;
  /** Measured by the runner around the method (per map) and around the metric (per record). */
  methodCost?: CostSummary;
  metricCost?: CostSummary;
}

export const COST_COLUMNS = [
  'method_forward_per_map', 'method_backward_per_map', 'method_seconds_per_map', 'method_peak_rss_mb',
  'metric_forward_per_map', 'metric_backward_per_map', 'metric_seconds_per_map', 'metric_peak_rss_mb',
];

export const LEADERBOARD_COLUMNS = ['dataset', 'model', 'method', 'metric', 'higher_is_better', 'n', 'mean', 'std', 'ci_low', 'ci_high', 'skipped', 'failed', ...COST_COLUMNS];

export async function computeLeaderboard(store: RunStore, spec: ResolvedSpec, metrics: Record<string, MetricSemantics>): Promise<LeaderboardRow[]> {
  const rows: LeaderboardRow[] = [];
  for (const { series, metric } of seriesMetrics(spec)) {
    const records = [...(await store.readRecords(series, metric)).values()].sort((a, b) => compareKeys(a.key, b.key));
    const semantics = metrics[metric];
    const random = createRandom(spec.seed, 'bootstrap', series.dataset, series.model, series.method, metric);
    const summary = summarize(records, semantics.statistic ?? meanOfValues, random);
    const methodCost = await readCost(store, series, methodPhase);
    const metricCost = await readCost(store, series, metricPhase(metric));
    rows.push({ ...series, metric, higherIsBetter: semantics.higherIsBetter, ...summary, methodCost, metricCost });
  }
  return rows;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? value.toFixed(6) : '';
}

/** Empty cells where nothing was measured (a run from before cost logging, or all work reused). */
function costCells(cost: CostSummary | undefined): string[] {
  if (!cost) return ['', '', '', ''];
  return [formatNumber(cost.forwardPerItem), formatNumber(cost.backwardPerItem), formatNumber(cost.secondsPerItem), cost.peakRssMb.toFixed(1)];
}

export function leaderboardCsv(rows: LeaderboardRow[]): string {
  const records = rows.map((r) => [
    r.dataset, r.model, r.method, r.metric, String(r.higherIsBetter), String(r.n),
    formatNumber(r.mean), formatNumber(r.std), formatNumber(r.ciLow), formatNumber(r.ciHigh), String(r.skipped), String(r.failed),
    ...costCells(r.methodCost), ...costCells(r.metricCost),
  ]);
  return stringify(records, { header: true, columns: LEADERBOARD_COLUMNS });
}

export async function writeLeaderboard(store: RunStore, rows: LeaderboardRow[]): Promise<string> {
  const path = join(store.dir, 'leaderboard.csv');
  await writeFileAtomic(path, leaderboardCsv(rows));
  return path;
}

/** A readable table; each metric carries an arrow for its direction (↑ higher is better). */
export function leaderboardTable(rows: LeaderboardRow[]): string {
  const header = ['dataset', 'model', 'method', 'metric', 'mean', '95% CI', 'std', 'n', 'skipped', 'failed', 'fwd/map', 'bwd/map', 's/map', 'peak MB', 'metric fwd', 'metric s'];
  const cost = (value: number | undefined, digits: number) => (value === undefined ? '-' : value.toFixed(digits));
  const body = rows.map((r) => [
    r.dataset, r.model, r.method, `${r.metric} ${r.higherIsBetter ? '↑' : '↓'}`,
    Number.isFinite(r.mean) ? r.mean.toFixed(4) : '-',
    Number.isFinite(r.ciLow) ? `[${r.ciLow.toFixed(4)}, ${r.ciHigh.toFixed(4)}]` : '-',
    Number.isFinite(r.std) ? r.std.toFixed(4) : '-',
    String(r.n), String(r.skipped), String(r.failed),
    cost(r.methodCost?.forwardPerItem, 0), cost(r.methodCost?.backwardPerItem, 0), cost(r.methodCost?.secondsPerItem, 3), cost(r.methodCost?.peakRssMb, 0),
    cost(r.metricCost?.forwardPerItem, 0), cost(r.metricCost?.secondsPerItem, 3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i >= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
