/**
 * The leaderboard as a sortable table: mean, 95% bootstrap interval (also drawn as a bar on a scale
 * shared by the metric's rows), std, n, skipped and failed; an arrow gives each metric's direction and
 * the best mean of each (dataset, model, metric) is marked. Sorting is a small inline script.
 */
import { html, type Markup } from './html.js';
import type { LeaderboardEntry } from './run-contents.js';

const format = (value: number, digits = 4) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function leaderboardSection(rows: LeaderboardEntry[]): Markup {
  if (rows.length === 0) return html`<p class="muted">no leaderboard.csv in the run directory; run <code>saliency-bench leaderboard</code> first</p>`;
  const group = (r: LeaderboardEntry) => `${r.dataset}\u0000${r.model}\u0000${r.metric}`;
  const best = new Map<string, number>();
  const scale = new Map<string, [number, number]>();
  for (const row of rows) {
    if (!Number.isFinite(row.mean)) continue;
    const current = best.get(group(row));
    if (current === undefined || (row.higherIsBetter ? row.mean > current : row.mean < current)) best.set(group(row), row.mean);
    const [low, high] = scale.get(group(row)) ?? [Infinity, -Infinity];
    scale.set(group(row), [Math.min(low, row.ciLow, row.mean), Math.max(high, row.ciHigh, row.mean)]);
  }
  const body = rows.map((row, index) => {
    const isBest = Number.isFinite(row.mean) && best.get(group(row)) === row.mean;
    const direction = row.higherIsBetter ? '↑' : '↓';
    return html`<tr data-index="${index}"${isBest ? html` class="best"` : ''}>
<td>${row.dataset}</td><td>${row.model}</td><td>${row.method}</td>
<td data-sort="${row.metric}">${row.metric} <span class="arrow" title="${row.higherIsBetter ? 'higher is better' : 'lower is better'}">${direction}</span></td>
<td class="num" data-sort="${sortable(row.mean)}">${format(row.mean)}</td>
<td class="num" data-sort="${sortable(row.ciLow)}">${Number.isFinite(row.ciLow) ? `[${format(row.ciLow)}, ${format(row.ciHigh)}]` : '–'}${intervalBar(row, scale.get(group(row)))}</td>
<td class="num" data-sort="${sortable(row.std)}">${format(row.std)}</td>
<td class="num" data-sort="${row.n}">${row.n}</td>
<td class="num" data-sort="${row.skipped}">${row.skipped}</td>
<td class="num" data-sort="${row.failed}">${row.failed}</td>
</tr>`;
  });
  const headers = ['dataset', 'model', 'method', 'metric', 'mean', '95% CI', 'std', 'n', 'skipped', 'failed'];
  return html`<p class="muted">Click a column to sort; click again to reverse. ↑ higher is better, ↓ lower is better; bold: the best mean of its metric. The bar under each interval is drawn on a scale shared by that metric's rows.</p>
<table id="leaderboard" class="sortable">
<thead><tr>${headers.map((h, i) => html`<th data-column="${i}" data-numeric="${i >= 4 ? 'true' : 'false'}" tabindex="0">${h}</th>`)}</tr></thead>
<tbody>${body}</tbody>
</table>`;
}

function sortable(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

function intervalBar(row: LeaderboardEntry, range: [number, number] | undefined): Markup {
  if (!range || !Number.isFinite(row.ciLow) || !(range[1] > range[0])) return html``;
  const at = (v: number) => (((v - range[0]) / (range[1] - range[0])) * 100).toFixed(1);
  return html`<span class="ci-bar"><span class="ci" style="left:${at(row.ciLow)}%;width:${(Number(at(row.ciHigh)) - Number(at(row.ciLow))).toFixed(1)}%"></span><span class="ci-mean" style="left:${at(row.mean)}%"></span></span>`;
}
