/**
 * Insertion or deletion curves as inline SVG: per method, the mean probability over the jobs at each
 * fraction of pixels moved, with a band of the 95% interval of that mean (mean ± 1.96 s/√n).
 * Curves are resampled to a common 101 points first (they all span [0, 1]).
 */
import { resampleCurve } from '@saliency-bench/metrics';
import { html, trusted, type Markup } from './html.js';

const POINTS = 101;

export interface CurveBand {
  method: string;
  colour: string;
  count: number;
  mean: number[];
  low: number[];
  high: number[];
}

export function curveBand(method: string, colour: string, curves: number[][]): CurveBand | undefined {
  if (curves.length === 0) return undefined;
  const resampled = curves.map((curve) => resampleCurve(curve, POINTS));
  const mean: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let j = 0; j < POINTS; j++) {
    const values = resampled.map((curve) => curve[j]);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.length > 1 ? values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1) : 0;
    const half = 1.96 * Math.sqrt(variance / values.length);
    mean.push(m);
    low.push(Math.max(0, m - half));
    high.push(Math.min(1, m + half));
  }
  return { method, colour, count: curves.length, mean, low, high };
}

const WIDTH = 440;
const HEIGHT = 260;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

export function curveChart(title: string, bands: CurveBand[]): Markup {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (j: number) => (PAD.left + (j / (POINTS - 1)) * plotW).toFixed(1);
  const y = (p: number) => (PAD.top + (1 - p) * plotH).toFixed(1);
  const line = (values: number[]) => values.map((v, j) => `${j === 0 ? 'M' : 'L'}${x(j)},${y(v)}`).join('');
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const gx = PAD.left + t * plotW;
      const gy = PAD.top + (1 - t) * plotH;
      return (
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${gy}" y2="${gy}" class="grid"/>` +
        `<line x1="${gx}" x2="${gx}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" class="grid"/>` +
        `<text x="${PAD.left - 6}" y="${gy + 4}" text-anchor="end">${t}</text>` +
        `<text x="${gx}" y="${HEIGHT - PAD.bottom + 14}" text-anchor="middle">${t}</text>`
      );
    })
    .join('');
  const shapes = bands
    .map((band) => {
      const area = line(band.high) + band.low.map((v, j) => `L${x(POINTS - 1 - j)},${y(band.low[POINTS - 1 - j])}`).join('') + 'Z';
      return `<path d="${area}" fill="${band.colour}" fill-opacity="0.18" stroke="none"/>` +
        `<path d="${line(band.mean)}" fill="none" stroke="${band.colour}" stroke-width="2" class="curve"/>`;
    })
    .join('');
  const axes =
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 4}" text-anchor="middle">fraction of pixels moved (most salient first)</text>` +
    `<text transform="translate(12 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">class probability</text>`;
  const legend = bands.map((band) => html`<li><span class="swatch" style="background:${band.colour}"></span>${band.method} <span class="muted">(n=${band.count})</span></li>`);
  return html`<figure class="chart">
<figcaption>${title}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${title}">${trusted(grid + shapes + axes)}</svg>
<ul class="legend">${legend}</ul>
</figure>`;
}
