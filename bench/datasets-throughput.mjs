#!/usr/bin/env node
/**
 * Loading real data: samples per second of load + decode + annotation for VOC-sized JPEGs (the VOC
 * 2007 sample) and COCO samples with masks (the COCO 2014 sample), through the runner's chunked
 * loader with the prefetch off (0) and on (1); then the share of a run's wall time the runner
 * spends waiting for samples, on the quick start's methods and metrics over the VOC sample with a
 * small random-weight 20-class ONNX model (the built-in backbone's architecture at 96 px).
 *
 *   node bench/datasets-throughput.mjs [--passes 8] [--skip-run] [--json out.json]
 * Needs the packages built (npx nx run-many -t build).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSpec, prefetchChunks, runPlan } from '@saliency-bench/core';
import { builtinDatasets } from '@saliency-bench/datasets';
import { builtinMethods } from '@saliency-bench/methods';
import { builtinMetrics } from '@saliency-bench/metrics';
import { builtinModels } from '@saliency-bench/models';
import { backboneGraph } from './support/backbone-graph.mjs';

const args = process.argv.slice(2);
const option = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const passes = Number(option('--passes', 8));
const fixtures = new URL('../packages/datasets/test/fixtures/', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'datasets-bench-'));
const builtins = { dataset: builtinDatasets, model: builtinModels, method: builtinMethods, metric: builtinMetrics };
const results = { machine: `${cpus().length} x ${cpus()[0].model}`, node: process.version, loading: [], run: [] };

/** Every sample of the dataset `passes` times, in chunks of 8, through the runner's loader. */
async function loadingRate(name, dataset, ahead) {
  const size = await dataset.size();
  const indices = Array.from({ length: size * passes }, (_, i) => i % size);
  const chunks = [];
  for (let i = 0; i < indices.length; i += 8) chunks.push(indices.slice(i, i + 8));
  const start = performance.now();
  let pixels = 0;
  let masks = 0;
  for await (const chunk of prefetchChunks(dataset, chunks, ahead)) {
    if (chunk.bad.length > 0) throw chunk.bad[0].error;
    for (const sample of chunk.samples) {
      pixels += sample.width * sample.height;
      masks += sample.objects.filter((o) => o.mask).length;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const row = { dataset: name, prefetch: ahead, samples: indices.length, samplesPerSecond: indices.length / seconds, megapixelsPerSecond: pixels / 1e6 / seconds, masksPerSample: masks / indices.length };
  results.loading.push(row);
  console.log(`${name.padEnd(34)} prefetch ${ahead}: ${row.samplesPerSecond.toFixed(1)} samples/s (${row.megapixelsPerSecond.toFixed(1)} Mpx/s, ${row.masksPerSample.toFixed(1)} masks/sample)`);
}

const voc = await (await builtinDatasets.voc()).create({ root: join(fixtures, 'voc2007-sample/VOCdevkit'), year: 2007, split: 'trainval' }, { baseDir: '/', seed: 0 });
const coco = await (await builtinDatasets.coco()).create(
  { images: join(fixtures, 'coco2014-sample/val2014'), annotations: join(fixtures, 'coco2014-sample/annotations/instances_val2014_sample.json'), masks: true },
  { baseDir: '/', seed: 0 },
);
for (const ahead of [0, 1]) {
  await loadingRate('voc 2007 trainval sample (7 JPEGs)', voc, ahead);
  await loadingRate('coco 2014 val sample, masks (15)', coco, ahead);
}

if (!args.includes('--skip-run')) {
  const modelPath = join(directory, 'voc-random-96.onnx');
  writeFileSync(modelPath, backboneGraph(20, 'datasets-bench').toBytes());
  const quickstart = (await import('../benchmarks/quickstart.json', { with: { type: 'json' } })).default;
  for (const prefetch of [1, 0]) {
    const spec = {
      name: 'voc-wait-share',
      seed: 777,
      datasets: ['trainval', 'test'].map((split) => ({ use: 'voc', id: `voc-${split}`, options: { root: join(fixtures, 'voc2007-sample/VOCdevkit'), split } })),
      models: [{ use: 'onnx', options: { path: modelPath, activation: 'sigmoid' } }],
      targets: { mode: 'ground-truth' },
      methods: quickstart.methods,
      metrics: quickstart.metrics,
      execution: { batchSize: 8, prefetch },
      output: join(directory, `run-prefetch-${prefetch}`),
    };
    const plan = await planSpec(spec, join(directory, 'spec.json'), builtins);
    const summary = await runPlan(plan);
    const { wallMs, dataWaitMs } = summary.timings;
    const row = { prefetch, maps: summary.mapsComputed, wallSeconds: wallMs / 1000, dataWaitSeconds: dataWaitMs / 1000, waitShare: dataWaitMs / wallMs };
    results.run.push(row);
    console.log(`quick start methods on the VOC sample, prefetch ${prefetch}: ${row.maps} maps in ${row.wallSeconds.toFixed(1)} s, waiting for data ${row.dataWaitSeconds.toFixed(2)} s (${(100 * row.waitShare).toFixed(2)}% of wall time)`);
  }
}
if (option('--json')) writeFileSync(option('--json'), JSON.stringify(results, null, 2) + '\n');
