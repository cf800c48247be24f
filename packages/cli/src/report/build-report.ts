/**
 * `<run>/report.html`: one self-contained file (inline CSS, script, SVG charts and JPEG thumbnails;
 * no network) with the run's facts, the sortable leaderboard, per (dataset, model) a gallery of
 * maps, the insertion/deletion curves and the class distortion distributions.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '@saliency-bench/core';
import type { ColormapName } from './colormap.js';
import { chooseGalleryRows, DEFAULT_GALLERY, type GalleryChoice } from './gallery-rows.js';
import { gallerySection } from './gallery-section.js';
import { html, trusted, type Markup } from './html.js';
import { pairJobs } from './job-table.js';
import { leaderboardSection } from './leaderboard-section.js';
import { methodColours } from './method-colours.js';
import { REPORT_CSS, REPORT_SCRIPT } from './page-assets.js';
import { curveCharts, distortionCharts } from './pair-charts.js';
import { readRunContents, type RunContents } from './run-contents.js';
import { runFactsSection } from './run-facts-section.js';
import { findSamples, openDataset } from './sample-finder.js';

export interface ReportOptions {
  colormap?: ColormapName;
  gallery?: GalleryChoice;
  /** Longer side of the gallery thumbnails, in pixels. */
  side?: number;
  /** Where to write; default `<run>/report.html`. */
  out?: string;
}

export interface ReportResult {
  path: string;
  bytes: number;
  seconds: number;
  galleryRows: number;
}

export async function writeReport(runDir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const started = performance.now();
  const run = await readRunContents(runDir);
  const colours = methodColours(run.spec.methods.map((m) => m.id));
  const sections: Markup[] = [];
  let galleryRows = 0;
  for (const pair of run.pairs) {
    const rows = chooseGalleryRows(pairJobs(pair.records), pair.records, options.gallery ?? DEFAULT_GALLERY);
    galleryRows += rows.length;
    sections.push(html`<h2 id="${`pair-${pair.dataset}-${pair.model}`}">${pair.dataset} × ${pair.model}</h2>
<h3>Gallery</h3>
<p class="muted">${galleryNote(options.gallery ?? DEFAULT_GALLERY)}</p>
${await pairGallery(run, pair, rows, options)}
<h3>Insertion and deletion curves</h3>
${curveCharts(run.spec, pair.records, colours)}
<h3>Class distortion</h3>
${distortionCharts(run.spec, pair.records, colours)}`);
  }
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${run.spec.name} — saliency-bench report</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body>
<h1>${run.spec.name}</h1>
${run.spec.description ? html`<p>${run.spec.description}</p>` : ''}
<p class="muted">saliency-bench report of ${run.dir}, written ${new Date().toISOString()}</p>
<h2>Run</h2>
${runFactsSection(run)}
<h2>Leaderboard</h2>
${leaderboardSection(run.leaderboard)}
${sections}
<script>${trusted(REPORT_SCRIPT)}</script>
</body></html>
`;
  const path = options.out ?? join(runDir, 'report.html');
  await writeFileAtomic(path, page.text);
  return { path, bytes: Buffer.byteLength(page.text), seconds: (performance.now() - started) / 1000, galleryRows };
}

async function pairGallery(run: RunContents, pair: RunContents['pairs'][number], rows: ReturnType<typeof chooseGalleryRows>, options: ReportOptions): Promise<Markup> {
  if (rows.length === 0) return html`<p class="muted">no jobs</p>`;
  const dataset = await openDataset(run.spec, run.specFile, pair.dataset);
  try {
    const samples = await findSamples(dataset, rows.map((row) => row.job.sampleId), run.spec.limit);
    return await gallerySection({
      store: run.store, dataset: pair.dataset, model: pair.model,
      methods: run.spec.methods.map((m) => m.id), metrics: run.spec.metrics.map((m) => m.id),
      classes: dataset.classes, rows, samples, records: pair.records,
      colormap: options.colormap ?? 'viridis', side: options.side ?? 128,
    });
  } finally {
    await dataset.dispose?.();
  }
}

function galleryNote(choice: GalleryChoice): string {
  return `Rows: ${choice.spread} jobs dealt round-robin over the classes (first job of each class in key order, then the second, ...), ` +
    `then up to ${choice.disagreement} of the other jobs where the methods disagree most: the mean over metrics of the spread (max - min) ` +
    'of the methods\' values on that job, each metric scaled by its spread over all jobs.';
}
