/** sanity.csv and the terminal table of `saliency-bench sanity`. */
import { stringify } from 'csv-stringify/sync';
import type { SanityRow } from './sanity-check.js';

export const SANITY_COLUMNS = ['dataset', 'method', 'model', 'check', 'against', 'randomized_layers', 'n', 'spearman', 'spearman_abs', 'ssim', 'flagged'];

const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(6) : '');

export function sanityCsv(rows: SanityRow[]): string {
  return stringify(rows.map((r) => [
    r.dataset, r.method, r.model, r.check, r.against, r.randomizedLayers, String(r.n), fixed(r.spearman), fixed(r.spearmanAbs), fixed(r.ssim), String(r.flagged),
  ]), { header: true, columns: SANITY_COLUMNS });
}

export function sanityTable(rows: SanityRow[]): string {
  const header = ['dataset', 'method', 'check', 'against', 'layers', 'spearman', 'spearman |.|', 'ssim', 'n', 'flag'];
  const show = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '-');
  const body = rows.map((r) => [
    r.dataset, r.method, r.check, r.against, r.randomizedLayers || '-', show(r.spearman), show(r.spearmanAbs), show(r.ssim), String(r.n), r.flagged ? 'FLAG' : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i >= 5 && i <= 8 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
