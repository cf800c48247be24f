/**
 * The gallery: one row per chosen job, the image with the target class's boxes, then one column
 * per method (the same job in every column): the map over the image, and the job's metric values.
 * Pictures are small JPEG thumbnails inlined as data URIs, so the report is one file.
 */
import type { Dataset, MetricRecord, RunStore, Sample } from '@saliency-bench/core';
import { colormapTable, type ColormapName } from './colormap.js';
import { encodeJpeg } from './encode-image.js';
import type { GalleryRow } from './gallery-rows.js';
import { html, type Markup } from './html.js';
import { fitSize, renderOverlay } from './overlay.js';
import type { PairRecords } from './run-contents.js';

export interface GalleryInput {
  store: RunStore;
  dataset: string;
  model: string;
  methods: string[];
  metrics: string[];
  classes: readonly string[];
  rows: GalleryRow[];
  samples: Map<string, Sample>;
  records: PairRecords;
  colormap: ColormapName;
  side: number;
}

export const GALLERY_OPACITY = 0.6;

export async function gallerySection(input: GalleryInput): Promise<Markup> {
  const header = html`<tr><th>job</th><th>image</th>${input.methods.map((m) => html`<th>${m}</th>`)}</tr>`;
  const rows: Markup[] = [];
  for (const row of input.rows) rows.push(await galleryRow(input, row));
  return html`<p class="muted">Maps are scaled to [0, 1] each by its own minimum and maximum, coloured with ${input.colormap}
<span class="colorbar" style="background:${colourGradient(input.colormap)}"></span> (low → high) and blended over the image at ${GALLERY_OPACITY}; white boxes: ground truth of the target class (red: difficult).</p>
<table class="gallery">${header}${rows}</table>`;
}

async function galleryRow(input: GalleryInput, row: GalleryRow): Promise<Markup> {
  const { job } = row;
  const className = input.classes[job.classIndex] ?? `class ${job.classIndex}`;
  const tag = row.reason === 'spread' ? html`<span class="tag">spread</span>` : html`<span class="tag disagreement">disagreement ${row.disagreement.toFixed(2)}</span>`;
  const label = html`<td class="job"><div class="class">${className}</div><div>${job.sampleId}</div>${tag}</td>`;
  const sample = input.samples.get(job.sampleId);
  if (!sample) return html`<tr class="job-row">${label}<td colspan="${input.methods.length + 1}" class="muted">sample ${job.sampleId} not found in the dataset</td></tr>`;
  const objects = sample.objects.filter((object) => object.classIndex === job.classIndex);
  const size = fitSize(sample.width, sample.height, input.side);
  const picture = (map?: { values: Float32Array; width: number; height: number }) =>
    imageTag(renderOverlay({ image: sample.image, imageWidth: sample.width, imageHeight: sample.height, map, objects, ...size, colormap: input.colormap, opacity: GALLERY_OPACITY }), size, `${className} in ${job.sampleId}`);
  const cells: Markup[] = [html`<td>${await picture()}</td>`];
  for (const method of input.methods) {
    const series = { dataset: input.dataset, model: input.model, method };
    const values = metricValues(input.metrics, input.records.get(method), job.key);
    if (!(await input.store.hasMap(series, job.key))) {
      cells.push(html`<td><div class="muted" style="width:${size.width}px;height:${size.height}px">no map</div>${values}</td>`);
      continue;
    }
    const attribution = await input.store.readMap(series, job.key);
    cells.push(html`<td>${await picture({ values: attribution.map, width: attribution.width, height: attribution.height })}${values}</td>`);
  }
  return html`<tr class="job-row">${label}${cells}</tr>`;
}

async function imageTag(rgb: Uint8Array, size: { width: number; height: number }, alt: string): Promise<Markup> {
  const jpeg = await encodeJpeg(rgb, size.width, size.height);
  return html`<img src="data:image/jpeg;base64,${jpeg.toString('base64')}" width="${size.width}" height="${size.height}" alt="${alt}">`;
}

function metricValues(metrics: string[], byMetric: Map<string, Map<string, MetricRecord>> | undefined, key: string): Markup {
  const rows = metrics.map((metric) => {
    const record = byMetric?.get(metric)?.get(key);
    if (!record) return undefined;
    if (record.state === 'done') return html`<tr><td>${metric}</td><td class="num">${formatValue(record.value)}</td></tr>`;
    return html`<tr class="muted" title="${record.reason}"><td>${metric}</td><td class="num">${record.state}</td></tr>`;
  });
  return html`<table class="cell-values">${rows}</table>`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/** A CSS gradient through the colormap, built from its numbers. */
function colourGradient(name: ColormapName): string {
  const table = colormapTable(name);
  const stops = [0, 64, 128, 191, 255].map((level) => `rgb(${table[level * 3]},${table[level * 3 + 1]},${table[level * 3 + 2]})`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
