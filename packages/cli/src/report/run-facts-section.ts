/**
 * What the run was: name, description, status and timings, versions, seed and execution settings
 * from the manifest, then the full spec and manifest as JSON, and the skipped and failed jobs
 * grouped by reason.
 */
import type { MetricRecord } from '@saliency-bench/core';
import { html, type Markup } from './html.js';
import type { RunContents } from './run-contents.js';

/** Reasons listed per (series, metric, state); the rest are counted. */
const MAX_REASONS = 5;

export function runFactsSection(run: RunContents): Markup {
  const manifest = run.manifest ?? {};
  const start = typeof manifest.startedAt === 'string' ? manifest.startedAt : undefined;
  const end = typeof manifest.endedAt === 'string' ? manifest.endedAt : undefined;
  const seconds = start && end ? (Date.parse(end) - Date.parse(start)) / 1000 : undefined;
  const versions = (manifest.versions ?? {}) as { core?: string; node?: string };
  const facts: [string, unknown][] = [
    ['status', manifest.status ?? 'unknown (no manifest.json)'],
    ['spec hash', run.hash.slice(0, 16)],
    ['seed', run.spec.seed],
    ['started', start],
    ['ended', end],
    ['duration', seconds === undefined ? undefined : `${seconds.toFixed(1)} s`],
    ['versions', `core ${versions.core ?? '?'}, node ${versions.node ?? '?'}`],
    ['execution', JSON.stringify(run.spec.execution)],
    ['counts', manifest.counts === undefined ? undefined : JSON.stringify(manifest.counts)],
    ['samples skipped', Array.isArray(manifest.skippedSamples) && manifest.skippedSamples.length > 0 ? `${manifest.skippedSamples.length} for bad data (reasons in manifest.json)` : undefined],
  ];
  const partialReasons = Array.isArray(manifest.partialReasons) ? manifest.partialReasons.map(String) : [];
  const banner = manifest.partial === true
    ? html`<p class="partial"><strong>Partial results:</strong> ${partialReasons.length > 0 ? partialReasons.join('; ') : 'the run did not cover every job'}</p>`
    : '';
  return html`${banner}<dl class="facts">${facts.filter(([, v]) => v !== undefined).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>
<details><summary>spec.json (resolved, defaults filled in)</summary><pre>${JSON.stringify(run.spec, null, 2)}</pre></details>
<details><summary>manifest.json</summary><pre>${run.manifest ? JSON.stringify(run.manifest, null, 2) : 'none'}</pre></details>
<h3>Skipped and failed jobs</h3>
${problemTable(run)}`;
}

function problemTable(run: RunContents): Markup {
  const rows: Markup[] = [];
  for (const pair of run.pairs) {
    for (const [method, byMetric] of pair.records) {
      for (const [metric, records] of byMetric) {
        for (const state of ['skipped', 'failed'] as const) {
          const reasons = countReasons([...records.values()], state);
          const total = [...reasons.values()].reduce((a, b) => a + b, 0);
          if (total === 0) continue;
          const listed = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, MAX_REASONS);
          const rest = total - listed.reduce((a, [, n]) => a + n, 0);
          rows.push(html`<tr><td>${pair.dataset}</td><td>${pair.model}</td><td>${method}</td><td>${metric}</td><td>${state}</td><td class="num">${total}</td>
<td>${listed.map(([reason, n]) => html`<div>${n} × ${reason}</div>`)}${rest > 0 ? html`<div class="muted">${rest} more with other reasons</div>` : ''}</td></tr>`);
        }
      }
    }
  }
  if (rows.length === 0) return html`<p>none: every job of every method and metric finished.</p>`;
  return html`<table><thead><tr><th>dataset</th><th>model</th><th>method</th><th>metric</th><th>state</th><th>jobs</th><th>reasons</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function countReasons(records: MetricRecord[], state: 'skipped' | 'failed'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    if (record.state !== state) continue;
    const reason = record.reason.length > 300 ? `${record.reason.slice(0, 300)}…` : record.reason;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return counts;
}
