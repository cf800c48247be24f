/** The leaderboard: one row per (dataset, model, method, metric), as CSV and as a terminal table. */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../atomic-write.js';
import { createRandom } from '../random.js';
import { methodPhase, metricPhase, readCost, type CostSummary } from '../run/cost-log.js';
import type { RunStore } from '../run/run-store.js';
import { seriesMetrics } from '../run/series.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { DoneRecord, MetricRecord } from '../types.js';
import { runCompleteness, type Completeness } from './completeness.js';
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
  /** The most common reason among skipped records (e.g. a method that returns no probabilities). */
  skipReason?: string;
  /** Measured by the runner around the method (per map) and around the metric (per record). */
  methodCost?: CostSummary;
  metricCost?: CostSummary;
}

export const COST_COLUMNS = [
  'method_forward_per_map', 'method_backward_per_map', 'method_seconds_per_map', 'method_peak_rss_mb',
  'metric_forward_per_map', 'metric_backward_per_map', 'metric_seconds_per_map', 'metric_peak_rss_mb',
];

/** `partial` is true on every row when the run directory's records may not cover the whole spec. */
export const LEADERBOARD_COLUMNS = ['dataset', 'model', 'method', 'metric', 'higher_is_better', 'n', 'mean', 'std', 'ci_low', 'ci_high', 'skipped', 'failed', 'partial', ...COST_COLUMNS];

export async function computeLeaderboard(store: RunStore, spec: ResolvedSpec, metrics: Record<string, MetricSemantics>): Promise<LeaderboardRow[]> {
  const rows: LeaderboardRow[] = [];
  for (const { series, metric } of seriesMetrics(spec)) {
    const records = [...(await store.readRecords(series, metric)).values()].sort((a, b) => compareKeys(a.key, b.key));
    const semantics = metrics[metric];
    const random = createRandom(spec.seed, 'bootstrap', series.dataset, series.model, series.method, metric);
    const summary = summarize(records, semantics.statistic ?? meanOfValues, random);
    const skipReason = mostCommonReason(records.filter((r) => r.state === 'skipped'));
    const methodCost = await readCost(store, series, methodPhase);
    const metricCost = await readCost(store, series, metricPhase(metric));
    rows.push({ ...series, metric, higherIsBetter: semantics.higherIsBetter, ...summary, ...(skipReason ? { skipReason } : {}), methodCost, metricCost });
  }
  return rows;
}

function mostCommonReason(records: MetricRecord[]): string | undefined {
  const counts = new Map<string, number>();
  for (const record of records) {
    if ('reason' in record) counts.set(record.reason, (counts.get(record.reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
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

export function leaderboardCsv(rows: LeaderboardRow[], completeness: Completeness): string {
  const records = rows.map((r) => [
    r.dataset, r.model, r.method, r.metric, String(r.higherIsBetter), String(r.n),
    formatNumber(r.mean), formatNumber(r.std), formatNumber(r.ciLow), formatNumber(r.ciHigh), String(r.skipped), String(r.failed),
    String(completeness.partial),
    ...costCells(r.methodCost), ...costCells(r.metricCost),
  ]);
  return stringify(records, { header: true, columns: LEADERBOARD_COLUMNS });
}

/** Write leaderboard.csv; completeness defaults to what the directory's manifests say. */
export async function writeLeaderboard(store: RunStore, rows: LeaderboardRow[], completeness?: Completeness): Promise<string> {
  const path = join(store.dir, 'leaderboard.csv');
  await writeFileAtomic(path, leaderboardCsv(rows, completeness ?? (await runCompleteness(store.dir))));
  return path;
}

/**
 * A readable table; each metric carries an arrow for its direction (↑ higher is better).
 * A partial leaderboard starts with a banner saying why; rows without a value get a note saying why.
 */
export function leaderboardTable(rows: LeaderboardRow[], completeness?: Completeness): string {
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
  const banner = completeness?.partial ? [`PARTIAL leaderboard (not every sample has results):`, ...completeness.reasons.map((r) => `  - ${r}`), ''] : [];
  return [...banner, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ...emptyRowNotes(rows)].join('\n');
}

/** Why a row shows "-": every job was skipped (with the commonest reason) or failed, or there were none. */
function emptyRowNotes(rows: LeaderboardRow[]): string[] {
  const notes = new Map<string, string[]>();
  for (const r of rows.filter((row) => row.n === 0)) {
    const why = r.skipped > 0 && r.skipReason ? `skipped: ${r.skipReason}` : r.failed > 0 ? 'every job failed; reasons are in the records' : 'no results yet';
    const pair = `${r.method} × ${r.metric}`;
    notes.set(why, [...(notes.get(why) ?? []), pair]);
  }
  if (notes.size === 0) return [];
  return ['', 'rows marked "-" have no value:', ...[...notes].map(([why, pairs]) => `  ${pairs.join(', ')}: ${why}`)];
}
