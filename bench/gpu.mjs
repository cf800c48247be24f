#!/usr/bin/env node
/**
 * GPU timings of the ONNX engine on a ResNet-50-shaped graph (seeded random weights, 20 classes:
 * the cost does not depend on the values): forward and forward+vjp ms per call at batch 1, 8 and
 * 32; Robust Perturbation seconds per map with 1 and 32 masks per model call (a few iterations
 * timed, scaled to the reference 150); insertion + deletion seconds per map (RP paper settings:
 * 100 and 300 pixels per step at 300x300).
 *
 *   node bench/gpu.mjs [--provider webgpu|cuda|cpu] [--size 300] [--width 1] [--batches 1,8,32]
 *                      [--rp-masks 1,32] [--rp-iterations 3] [--json out.json]
 * --size and --width (a channel multiplier) shrink the net for a smoke run. Needs the packages
 * built (npx nx run-many -t build). Without a GPU, through SwiftShader (CPU Vulkan, slow):
 *   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium \
 *   XDG_RUNTIME_DIR=$(mktemp -d) node bench/gpu.mjs --size 64 --width 0.125 --batches 1,2 --rp-masks 1,2 --rp-iterations 2
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@saliency-bench/core';
import { createSyntheticDataset } from '@saliency-bench/datasets';
import { builtinMethods } from '@saliency-bench/methods';
import { builtinMetrics } from '@saliency-bench/metrics';
import { loadOnnxClassifier } from '@saliency-bench/models';
import { referenceResNet } from '@saliency-bench/models/testing';
import { medianMs } from './support/median-ms.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const list = (name, fallback) => option(name, fallback).split(',').map(Number);
const provider = option('--provider', 'webgpu');
const size = Number(option('--size', 300));
const width = Number(option('--width', 1));
const batches = list('--batches', '1,8,32');
const rpMasks = list('--rp-masks', '1,32');
const rpIterations = Number(option('--rp-iterations', 3));
const jsonOut = option('--json');
const CLASSES = 20;
const SEED = 777;

const directory = mkdtempSync(join(tmpdir(), 'gpu-bench-'));
const path = join(directory, 'resnet50.onnx');
writeFileSync(path, referenceResNet(50, { inputSize: size, classes: CLASSES, width, seed: 'gpu-bench' }).toBytes());
const classes = Array.from({ length: CLASSES }, (_, i) => `c${i}`);
// RP evaluates two branches per mask, so a call holds up to 2 x 32 images.
const maxBatch = Math.max(...batches, 2 * Math.max(...rpMasks), 32);
const model = await loadOnnxClassifier({ path, classes, executionProviders: [provider], activation: 'sigmoid', maxBatch });
const results = { provider, size, width, machine: `${cpus().length} x ${cpus()[0].model}`, model: 'ResNet-50-shaped, 20 classes', calls: [], rp: [], insertionDeletion: undefined };

console.log(`# ResNet-50-shaped (width x${width}) at ${size}x${size}, provider ${provider}, ${results.machine}`);
for (const n of batches) {
  const x = createRandom('gpu-bench', 'x').fillNormal(new Float32Array(n * 3 * size * size), 0, 1);
  const g = new Float32Array(n * CLASSES).fill(1e-2);
  const forwardMs = await medianMs(3, () => model.forward(x, n));
  const vjpMs = await medianMs(3, () => model.vjp(x, n, g));
  results.calls.push({ batch: n, forwardMs, forwardVjpMs: vjpMs });
  console.log(`batch ${String(n).padStart(2)}: forward ${forwardMs.toFixed(1)} ms, forward+vjp ${vjpMs.toFixed(1)} ms`);
}

const dataset = createSyntheticDataset({ count: Math.max(...rpMasks), width: size, height: size, seed: 3 });
const jobs = [];
for (let i = 0; i < Math.max(...rpMasks); i++) {
  const sample = await dataset.load(i);
  const classIndex = (sample.labels[0] ?? 0) % CLASSES;
  jobs.push({ sample, classIndex, key: `${sample.id}__${classIndex}` });
}
const signal = new AbortController().signal;

// RP optimises the masks of `masks` jobs per model call; seconds per map =
// (time of rpIterations iterations) / rpIterations * 150 / masks.
const rpPlugin = await builtinMethods.rp();
const rpReference = rpPlugin.defaults.iterations;
let maps;
for (const masks of rpMasks) {
  const context = { model, random: (job) => createRandom(SEED, job.key, 'rp'), signal, batchSize: masks };
  const batch = jobs.slice(0, masks);
  const warmUp = await rpPlugin.create({ ...rpPlugin.defaults, iterations: 1, imageSize: size, masksPerBatch: masks }, { baseDir: '.', seed: SEED });
  await warmUp.explain(batch, context);
  const method = await rpPlugin.create({ ...rpPlugin.defaults, iterations: rpIterations, imageSize: size, masksPerBatch: masks }, { baseDir: '.', seed: SEED });
  const start = performance.now();
  maps = await method.explain(batch, context);
  const perMapS = ((performance.now() - start) / 1000 / rpIterations) * rpReference / masks;
  results.rp.push({ masksPerBatch: masks, secondsPerMap: perMapS, timedIterations: rpIterations });
  console.log(`RP, ${String(masks).padStart(2)} masks per call: ${perMapS.toFixed(2)} s per map (${rpIterations} iterations timed, scaled to ${rpReference})`);
}

const metricContext = { model, random: (job) => createRandom(SEED, job.key, 'metric'), signal };
const perMap = {};
const timedMaps = Math.min(2, maps.length);
for (const name of ['insertion', 'deletion']) {
  const plugin = await builtinMetrics[name]();
  const metric = await plugin.create({ ...plugin.defaults }, { baseDir: '.', seed: SEED });
  await metric.evaluate(jobs[0], maps[0], metricContext); // warm-up
  const start = performance.now();
  for (let i = 0; i < timedMaps; i++) await metric.evaluate(jobs[i], maps[i], metricContext);
  perMap[name] = (performance.now() - start) / 1000 / timedMaps;
}
results.insertionDeletion = { secondsPerMap: perMap.insertion + perMap.deletion, ...perMap };
console.log(`insertion + deletion: ${(perMap.insertion + perMap.deletion).toFixed(2)} s per map (insertion ${perMap.insertion.toFixed(2)}, deletion ${perMap.deletion.toFixed(2)})`);
await model.dispose();
rmSync(directory, { recursive: true, force: true });
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
