/**
 * The charts of one (dataset, model) pair: the mean curve of every metric whose records carry a
 * curve (insertion and deletion when the run recorded them), and the distribution of every class
 * distortion metric (perturbed: the CDS; preserved: the reverse score).
 */
import type { ResolvedSpec } from '@saliency-bench/core';
import { curveBand, curveChart, type CurveBand } from './curve-chart.js';
import { distributionChart, type MethodValues } from './distribution-chart.js';
import { html, type Markup } from './html.js';
import type { PairRecords } from './run-contents.js';

export function curveCharts(spec: ResolvedSpec, records: PairRecords, colours: Map<string, string>): Markup {
  const charts: Markup[] = [];
  const missing: string[] = [];
  for (const metric of spec.metrics) {
    const bands: CurveBand[] = [];
    let jobs = 0;
    let withCurve = 0;
    for (const method of spec.methods) {
      const curves: number[][] = [];
      for (const record of records.get(method.id)?.get(metric.id)?.values() ?? []) {
        if (record.state !== 'done') continue;
        jobs++;
        const curve = record.extra?.curve;
        if (Array.isArray(curve) && curve.length >= 2 && curve.every((v) => typeof v === 'number' && Number.isFinite(v))) curves.push(curve);
      }
      withCurve += curves.length;
      const band = curveBand(method.id, colours.get(method.id)!, curves);
      if (band) bands.push(band);
    }
    if (bands.length > 0) {
      const partial = withCurve < jobs ? ` — curves of ${withCurve} of ${jobs} finished jobs` : '';
      charts.push(curveChart(`${metric.id} (${metric.use})${partial}`, bands));
    } else if (jobs > 0 && (metric.use === 'insertion' || metric.use === 'deletion')) {
      missing.push(metric.id);
    }
  }
  const note = missing.length > 0
    ? html`<p class="muted">No curves recorded for ${missing.join(', ')}: rerun with <code>saliency-bench run &lt;spec&gt; --fresh --report</code> to record them.</p>`
    : '';
  if (charts.length === 0) return html`${note}<p class="muted">no curves in this run</p>`;
  return html`<p class="muted">Mean class probability per method; the band is the 95% interval of the mean (± 1.96 s/√n).</p>${note}<div class="charts">${charts}</div>`;
}

export function distortionCharts(spec: ResolvedSpec, records: PairRecords, colours: Map<string, string>): Markup {
  const charts: Markup[] = [];
  for (const metric of spec.metrics.filter((m) => m.use === 'class-distortion')) {
    const branch = metric.options.branch === 'preserved' ? 'preserved: the reverse score' : 'perturbed: the class distortion score';
    const rows: MethodValues[] = spec.methods.map((method) => {
      const all = [...(records.get(method.id)?.get(metric.id)?.values() ?? [])];
      const values = all.flatMap((r) => (r.state === 'done' ? [r.value] : []));
      const unfinished = all.find((r) => r.state !== 'done');
      const note = unfinished?.state === 'skipped' || unfinished?.state === 'failed' ? `${unfinished.state}: ${unfinished.reason}` : undefined;
      return { method: method.id, colour: colours.get(method.id)!, values, note };
    });
    charts.push(distributionChart(`${metric.id} (${branch})`, rows));
  }
  if (charts.length === 0) return html`<p class="muted">the spec has no class-distortion metric</p>`;
  return html`<p class="muted">Each dot is one job; the box spans the quartiles with the median, whiskers the 5th to 95th percentiles. Higher: the perturbation changed the target class more than the others.</p><div class="charts">${charts}</div>`;
}
