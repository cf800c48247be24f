/** comparisons.csv, ranks.csv and the terminal tables of `saliency-bench compare`. */
import { stringify } from 'csv-stringify/sync';
import type { Comparison } from './compare-methods.js';
import type { RankRow } from './rank-table.js';

const fixed = (value: number, digits = 6) => (Number.isFinite(value) ? value.toFixed(digits) : '');

export const COMPARISON_COLUMNS = ['dataset', 'model', 'metric', 'higher_is_better', 'method_a', 'method_b', 'unit', 'n', 'jobs', 'mean_a', 'mean_b', 'difference', 'ci_low', 'ci_high', 'p_value', 'p_test', 'p_holm', 'better'];

export function comparisonsCsv(rows: Comparison[]): string {
  return stringify(rows.map((r) => [
    r.dataset, r.model, r.metric, String(r.higherIsBetter), r.methodA, r.methodB, r.unit, String(r.n), String(r.jobs),
    fixed(r.meanA), fixed(r.meanB), fixed(r.difference), fixed(r.ciLow), fixed(r.ciHigh), r.pValue.toExponential(4), r.pTest, r.pHolm.toExponential(4), r.better,
  ]), { header: true, columns: COMPARISON_COLUMNS });
}

export const RANK_COLUMNS = ['dataset', 'model', 'metric', 'higher_is_better', 'method', 'rank', 'value', 'rank_frequency', 'rank_frequencies', 'n'];

export function ranksCsv(rows: RankRow[]): string {
  return stringify(rows.map((r) => [
    r.dataset, r.model, r.metric, String(r.higherIsBetter), r.method, String(r.rank), fixed(r.value), fixed(r.rankFrequency, 3), r.frequencies.map((f) => f.toFixed(3)).join(' '), String(r.n),
  ]), { header: true, columns: RANK_COLUMNS });
}

function table(header: string[], body: string[][], rightFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i >= rightFrom ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const plural = (unit: string, n: number) => (n === 1 ? unit : unit.endsWith('s') ? `${unit}es` : `${unit}s`);

const pText = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

export function comparisonsTable(rows: Comparison[]): string {
  return table(
    ['dataset', 'model', 'metric', 'A', 'B', 'better', 'A - B', '95% CI', 'p (Wilcoxon)', 'p (Holm)', 'n'],
    rows.map((r) => [
      r.dataset, r.model, `${r.metric} ${r.higherIsBetter ? '↑' : '↓'}`, r.methodA, r.methodB, r.better,
      r.difference.toFixed(4), `[${r.ciLow.toFixed(4)}, ${r.ciHigh.toFixed(4)}]`, `${pText(r.pValue)} ${r.pTest === 'exact' ? 'ex' : 'z'}`, pText(r.pHolm), `${r.n} ${plural(r.unit, r.n)}`,
    ]),
    6,
  );
}

export function ranksTable(rows: RankRow[]): string {
  return table(
    ['dataset', 'model', 'metric', 'rank', 'method', 'value', 'holds rank', 'rank frequencies (1..k)', 'n'],
    rows.map((r) => [
      r.dataset, r.model, `${r.metric} ${r.higherIsBetter ? '↑' : '↓'}`, String(r.rank), r.method, r.value.toFixed(4),
      `${(100 * r.rankFrequency).toFixed(1)}%`, r.frequencies.map((f) => f.toFixed(2)).join(' '), String(r.n),
    ]),
    5,
  );
}
