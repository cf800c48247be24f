/**
 * Measured cost, stored with the records: records/<dataset>/<model>/<method>/cost/<phase>.jsonl,
 * one line per batch of work, phase "method" for the maps or "metric-<id>" for a metric's own model
 * calls. Append-only like the records (a shard writes its own file), so resumed and sharded runs
 * add up: only computed maps and evaluated records are counted, reused ones cost nothing.
 */
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLines } from '../atomic-write.js';
import type { CallCounts } from './counting-classifier.js';
import type { RunStore, SeriesKey, Shard } from './run-store.js';

export interface CostLine extends CallCounts {
  /** Maps attempted (method) or records evaluated (metric) in this batch. */
  items: number;
  seconds: number;
}

/** Per map (method) or per record (metric); peak memory in MiB. */
export interface CostSummary {
  items: number;
  forwardPerItem: number;
  backwardPerItem: number;
  secondsPerItem: number;
  peakRssMb: number;
}

export const methodPhase = 'method';
export const metricPhase = (metric: string) => `metric-${metric}`;

function costDir(store: RunStore, series: SeriesKey): string {
  return join(store.recordDir(series), 'cost');
}

export async function appendCost(store: RunStore, series: SeriesKey, phase: string, line: CostLine, shard?: Shard): Promise<void> {
  if (line.items === 0) return;
  const suffix = shard && shard.count > 1 ? `.shard-${shard.index}-of-${shard.count}` : '';
  await appendLines(join(costDir(store, series), `${phase}${suffix}.jsonl`), [JSON.stringify(line)]);
}

export async function readCost(store: RunStore, series: SeriesKey, phase: string): Promise<CostSummary | undefined> {
  const dir = costDir(store, series);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n === `${phase}.jsonl` || (n.startsWith(`${phase}.shard-`) && n.endsWith('.jsonl')));
  const total = { items: 0, forward: 0, backward: 0, seconds: 0, peakRss: 0 };
  for (const name of names.sort()) {
    for (const text of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      const line = parseLine(text);
      if (!line) continue;
      total.items += line.items;
      total.forward += line.forward;
      total.backward += line.backward;
      total.seconds += line.seconds;
      total.peakRss = Math.max(total.peakRss, line.peakRss);
    }
  }
  if (total.items === 0) return undefined;
  return {
    items: total.items,
    forwardPerItem: total.forward / total.items,
    backwardPerItem: total.backward / total.items,
    secondsPerItem: total.seconds / total.items,
    peakRssMb: total.peakRss / 2 ** 20,
  };
}

/** A torn last line (a killed append) is ignored, as for records. */
function parseLine(text: string): CostLine | undefined {
  if (!text.trim()) return undefined;
  try {
    const line = JSON.parse(text) as CostLine;
    return typeof line.items === 'number' ? line : undefined;
  } catch {
    return undefined;
  }
}

/** merge: shard cost files are disjoint, so copying them next to each other adds them up. */
export async function copyCostLogs(from: RunStore, to: RunStore, series: SeriesKey): Promise<void> {
  await cp(costDir(from, series), costDir(to, series), { recursive: true, force: false, errorOnExist: false }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
