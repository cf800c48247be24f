/**
 * The distribution of one metric's values per method as inline SVG: a box (quartiles, median,
 * whiskers at the 5th and 95th percentiles) over the jittered values themselves, on one shared axis.
 */
import { quantile } from '@saliency-bench/core';
import { html, trusted, type Markup } from './html.js';

export interface MethodValues {
  method: string;
  colour: string;
  values: number[];
  /** Why there are no values (e.g. "method returns no probabilities"). */
  note?: string;
}

const WIDTH = 540;
const ROW = 30;
const PAD = { left: 110, right: 130, top: 8, bottom: 30 };
/** At most this many dots per method, evenly taken from the sorted values, so large runs stay small. */
const MAX_DOTS = 400;

export function distributionChart(title: string, rows: MethodValues[]): Markup {
  const all = rows.flatMap((row) => row.values);
  if (all.length === 0) return html`<figure class="chart"><figcaption>${title}</figcaption><p class="muted">no finished values</p></figure>`;
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (!(high > low)) [low, high] = [low - 0.5, high + 0.5];
  const height = PAD.top + rows.length * ROW + PAD.bottom;
  const plotW = WIDTH - PAD.left - PAD.right;
  const x = (v: number) => (PAD.left + ((v - low) / (high - low)) * plotW).toFixed(1);
  const parts: string[] = [];
  for (const [i, row] of rows.entries()) {
    const mid = PAD.top + i * ROW + ROW / 2;
    parts.push(`<text x="${PAD.left - 8}" y="${mid + 4}" text-anchor="end" class="label">${escapeSvg(row.method)}</text>`);
    if (row.values.length === 0) {
      parts.push(`<text x="${PAD.left + 4}" y="${mid + 4}" class="muted">${escapeSvg(row.note ?? 'no values')}</text>`);
      continue;
    }
    const sorted = Float64Array.from(row.values).sort();
    const q = (p: number) => quantile(sorted, p);
    parts.push(`<line x1="${x(q(0.05))}" x2="${x(q(0.95))}" y1="${mid}" y2="${mid}" stroke="${row.colour}"/>`);
    parts.push(`<rect x="${x(q(0.25))}" y="${mid - 9}" width="${(Number(x(q(0.75))) - Number(x(q(0.25)))).toFixed(1)}" height="18" fill="${row.colour}" fill-opacity="0.25" stroke="${row.colour}"/>`);
    parts.push(`<line x1="${x(q(0.5))}" x2="${x(q(0.5))}" y1="${mid - 9}" y2="${mid + 9}" stroke="${row.colour}" stroke-width="2"/>`);
    const step = Math.max(1, sorted.length / MAX_DOTS);
    for (let k = 0; k < sorted.length; k += step) {
      const jitter = (((Math.floor(k) * 7919) % 13) / 12 - 0.5) * 14;
      parts.push(`<circle cx="${x(sorted[Math.floor(k)])}" cy="${(mid + jitter).toFixed(1)}" r="1.6" fill="${row.colour}" fill-opacity="0.7"/>`);
    }
    parts.push(`<text x="${WIDTH - PAD.right + 8}" y="${mid + 4}" class="muted">n=${sorted.length}, median ${q(0.5).toFixed(3)}</text>`);
  }
  const axisY = height - PAD.bottom + 4;
  for (let t = 0; t <= 4; t++) {
    const v = low + ((high - low) * t) / 4;
    parts.push(`<text x="${x(v)}" y="${axisY + 12}" text-anchor="middle">${v.toFixed(2)}</text>`);
  }
  parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${axisY}" y2="${axisY}" class="grid"/>`);
  return html`<figure class="chart">
<figcaption>${title}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}">${trusted(parts.join(''))}</svg>
</figure>`;
}

/** Method names and notes come from specs and plugins: escaped like any other text. */
function escapeSvg(text: string): string {
  return html`${text}`.text;
}
