/**
 * The units two or more methods are compared on: only jobs that every method finished ("done"),
 * grouped by the metric's pairing unit (the job by default, the class for the pointing game),
 * each unit's value the mean of its records.
 */
import type { DoneRecord, MetricRecord } from '../types.js';

export type UnitOf = (record: DoneRecord) => string;

export const byJob: UnitOf = (record) => record.key;

export interface SharedUnits {
  /** Sorted unit keys. */
  units: string[];
  /** values[m][u]: method m's value on unit u. */
  values: number[][];
  /** Jobs finished by every method. */
  jobs: number;
}

export function sharedUnits(perMethod: Map<string, MetricRecord>[], unitOf: UnitOf = byJob): SharedUnits {
  const done = perMethod.map((records) => new Map([...records].filter((entry): entry is [string, DoneRecord] => entry[1].state === 'done')));
  const keys = [...(done[0]?.keys() ?? [])].filter((key) => done.every((records) => records.has(key))).sort();
  const units = [...new Set(keys.map((key) => unitOf(done[0].get(key)!)))].sort();
  const index = new Map(units.map((unit, i) => [unit, i]));
  const values = done.map((records) => {
    const sums = new Array<number>(units.length).fill(0);
    const counts = new Array<number>(units.length).fill(0);
    for (const key of keys) {
      const record = records.get(key)!;
      const u = index.get(unitOf(record))!;
      sums[u] += record.value;
      counts[u]++;
    }
    return sums.map((sum, u) => sum / counts[u]);
  });
  return { units, values, jobs: keys.length };
}

export const meanOf = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
