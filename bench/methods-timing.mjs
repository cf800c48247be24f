#!/usr/bin/env node
/**
 * Per-map time of each attribution method on the built-in backbone (96 px; its trained ONNX
 * weights when packages/models/weights/builtin/*.onnx exists, else the same architecture with
 * seeded weights: the cost is the same) and on a ResNet-50-shaped ONNX graph at 300 x 300,
 * a masks-per-batch sweep for RP, and the share of RP's time spent inside the model.
 * Iterative methods run a few steps; the median step time (steps delimited by the once-per-step
 * vjp call, or by forward chunks for RISE) is extrapolated to the reference settings:
 * t(n) = setup + n * step + final pass.
 *
 *   node bench/methods-timing.mjs [--threads 2] [--json out.json] [--models backbone,resnet] [--methods rp,mp,ep,rise,gradient,gradcam,sweep]
 * Needs the packages built (npx tsc -p packages/<core|models|datasets|methods>).
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@saliency-bench/core';
import { createSyntheticDataset, SYNTHETIC_CLASSES } from '@saliency-bench/datasets';
import { builtinMethods } from '@saliency-bench/methods';
import { BUILTIN_WEIGHTS_DIR, loadOnnxClassifier } from '@saliency-bench/models';
import { backboneGraph } from './support/backbone-graph.mjs';
import { referenceResNet } from '@saliency-bench/models/testing';

const args = process.argv.slice(2);
const threads = Number(args[args.indexOf('--threads') + 1]) || 2;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
/** --models backbone,resnet and --methods rp,ep,sweep,... restrict what runs (default: all). */
const only = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1].split(',') : undefined);
const onlyModels = only('--models');
const onlyMethods = only('--methods');
const wanted = (list, name) => !list || list.includes(name);
const directory = mkdtempSync(join(tmpdir(), 'methods-bench-'));

/** Wraps a classifier so every model call is logged with its kind, start and end. */
function timed(model) {
  const stats = { modelMs: 0, calls: [] };
  const track = async (kind, call) => {
    const start = performance.now();
    try {
      return await call();
    } finally {
      const end = performance.now();
      stats.modelMs += end - start;
      stats.calls.push({ kind, start, end });
    }
  };
  return {
    stats,
    model: {
      info: model.info,
      forward: (x, n) => track('forward', () => model.forward(x, n)),
      vjp: (x, n, g) => track('vjp', () => model.vjp(x, n, g)),
      intermediate: (x, n, layer, g) => track('intermediate', () => model.intermediate(x, n, layer, g)),
      dispose: () => model.dispose(),
    },
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

/**
 * Steps are delimited by the method's once-per-step model call (`marker`): a step's time is the
 * time between consecutive marker calls' ends, its model time the model calls inside it. The
 * median step is robust to other processes' load on a shared machine; setup is what precedes.
 */
function stepProfile(stats, startMs, endMs, marker) {
  const ends = stats.calls.filter((c) => c.kind === marker).map((c) => c.end);
  const steps = [];
  for (let i = 1; i < ends.length; i++) {
    const inside = stats.calls.filter((c) => c.end > ends[i - 1] && c.end <= ends[i]).reduce((sum, c) => sum + (c.end - c.start), 0);
    steps.push({ ms: ends[i] - ends[i - 1], modelMs: inside });
  }
  const stepMs = median(steps.map((s) => s.ms));
  const shares = steps.map((s) => s.modelMs / s.ms);
  return { stepMs, modelShare: median(shares), setupMs: Math.max(0, ends[0] - startMs - stepMs), tailMs: endMs - ends[ends.length - 1], count: steps.length };
}

/** The Grad-CAM layer of a builder graph: the input of its GlobalAveragePool. */
function lastFeatureMap(g) {
  const proto = g.toModelProto();
  return proto.graph.node.find((n) => n.opType === 'GlobalAveragePool').input[0];
}

async function loadModels() {
  const classes = SYNTHETIC_CLASSES.length;
  const weightsDir = BUILTIN_WEIGHTS_DIR;
  const trained = existsSync(weightsDir) ? readdirSync(weightsDir).find((f) => f.endsWith('.onnx')) : undefined;
  const backbone = trained
    ? { path: join(weightsDir, trained), layer: 'conv5', note: 'trained weights' }
    : { path: join(directory, 'backbone.onnx'), layer: 'conv5', note: 'same architecture, seeded weights (trained weights absent)' };
  if (!trained) writeFileSync(backbone.path, backboneGraph(classes, 'bench-backbone').toBytes());
  const resnet = referenceResNet(50, { inputSize: 300, classes: 20, seed: 'bench' });
  const resnetPath = join(directory, 'resnet50.onnx');
  writeFileSync(resnetPath, resnet.toBytes());
  const common = { activation: 'sigmoid', threads, maxBatch: 64 };
  return [
    {
      name: 'builtin backbone (96 px)',
      note: backbone.note,
      layer: backbone.layer,
      model: await loadOnnxClassifier({ ...common, path: backbone.path, classes: SYNTHETIC_CLASSES, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }),
    },
    {
      name: 'ResNet-50-shaped (300 px)',
      note: 'seeded weights, 20 classes',
      layer: lastFeatureMap(resnet),
      model: await loadOnnxClassifier({ ...common, path: resnetPath, classes: Array.from({ length: 20 }, (_, k) => `c${k}`) }),
    },
  ];
}

async function jobsFor(count, classes) {
  const dataset = createSyntheticDataset({ count, width: 300, height: 300, seed: 3 });
  const jobs = [];
  for (let i = 0; i < count; i++) {
    const sample = await dataset.load(i);
    const classIndex = (sample.labels[0] ?? 0) % classes;
    jobs.push({ sample, classIndex, key: `${sample.id}__${classIndex}` });
  }
  return jobs;
}

const context = (model, batchSize) => ({
  model,
  random: (job) => createRandom(777, job.key, 'bench'),
  signal: new AbortController().signal,
  batchSize,
});

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function run(methodName, options, model, jobs) {
  const plugin = await builtinMethods[methodName]();
  const method = await plugin.create({ ...plugin.defaults, ...options }, { baseDir: '.', seed: 777 });
  const { model: wrapped, stats } = timed(model);
  const start = performance.now();
  const cpuStart = cpuMs();
  await method.explain(jobs, context(wrapped, jobs.length));
  const end = performance.now();
  return { startMs: start, endMs: end, totalMs: end - start, cpuMs: cpuMs() - cpuStart, stats };
}

/** One run of `steps` steps; per map: setup + reference x median step (+ the final pass). */
async function extrapolate(methodName, stepKey, steps, reference, options, model, jobs, marker = 'vjp') {
  const r = await run(methodName, { ...options, [stepKey]: steps }, model, jobs);
  const p = stepProfile(r.stats, r.startMs, r.endMs, marker);
  const perStep = stepKey === 'masks' ? p.stepMs / options.batch : p.stepMs;
  return {
    perMapMs: (p.setupMs + p.tailMs + reference * perStep) / jobs.length,
    perStepPerMapMs: perStep / jobs.length,
    setupPerMapMs: p.setupMs / jobs.length,
    modelShare: p.modelShare,
    cpuRatio: r.cpuMs / r.totalMs,
    measured: `median of ${p.count} ${stepKey === 'masks' ? 'chunks' : 'steps'}`,
  };
}

const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function main() {
  const models = await loadModels();
  const results = [];
  const machine = `${cpus()[0]?.model ?? 'cpu'} x${cpus().length} (onnxruntime-node CPU, ${threads} threads), Node ${process.version}`;
  console.log(`# machine: ${machine}`);
  for (const { name, note, layer, model } of models) {
    const big = name.startsWith('ResNet');
    if (!wanted(onlyModels, big ? 'resnet' : 'backbone')) {
      await model.dispose();
      continue;
    }
    const batch = big ? 2 : 8;
    const jobs = await jobsFor(batch, model.info.classes.length);
    console.log(`\n## ${name} — ${note}; ${batch} jobs per batch`);
    const cases = [
      ['rp', 'iterations', big ? 4 : 12, 150, { masksPerBatch: batch }],
      ...(big ? [] : [['rp', 'iterations', 12, 150, { masksPerBatch: batch, imageSize: 96 }]]),
      ['mp', 'iterations', big ? 4 : 12, 300, { preset: 'official', masksPerBatch: batch }],
      ['mp', 'iterations', big ? 4 : 12, 500, { preset: 'pytorch-port', masksPerBatch: batch }],
      ['ep', 'iterations', big ? 3 : 8, 800, { masksPerBatch: batch }],
      ['ep', 'iterations', big ? 3 : 6, 800, { benchmark: 'voc', masksPerBatch: batch }],
      ['rise', 'masks', big ? 128 : 256, 8000, { batch: 32 }],
    ];
    for (const [method, key, steps, reference, options] of cases) {
      if (!wanted(onlyMethods, method)) continue;
      const r = await extrapolate(method, key, steps, reference, options, model, jobs, method === 'rise' ? 'forward' : 'vjp');
      const label = `${method}${options.preset ? ` (${options.preset})` : ''}${options.benchmark ? ` (benchmark ${options.benchmark})` : ''}${options.imageSize ? ` (mask ${options.imageSize})` : ''}`;
      results.push({ model: name, method: label, reference: `${reference} ${key}`, ...r });
      console.log(`${label.padEnd(26)} ${fmt(r.perMapMs).padStart(8)} per map at ${reference} ${key} (per ${key === 'masks' ? 'mask' : 'step'} ${fmt(r.perStepPerMapMs)}, setup ${fmt(r.setupPerMapMs)}, model share of a step ${(100 * r.modelShare).toFixed(1)}%; ${r.measured}; CPU/wall ${r.cpuRatio.toFixed(2)})`);
    }
    for (const [method, options] of [['gradient', { masksPerBatch: batch }], ['gradcam', { layer, masksPerBatch: batch }]]) {
      if (!wanted(onlyMethods, method)) continue;
      await run(method, options, model, jobs); // warm-up (Grad-CAM compiles its layer session)
      const r = await run(method, options, model, jobs);
      const share = r.stats.modelMs / r.totalMs;
      results.push({ model: name, method, reference: 'exact', perMapMs: r.totalMs / jobs.length, modelShare: share });
      console.log(`${method.padEnd(26)} ${fmt(r.totalMs / jobs.length).padStart(8)} per map (model share ${(100 * share).toFixed(1)}%; CPU/wall ${(r.cpuMs / r.totalMs).toFixed(2)})`);
    }
    if (!wanted(onlyMethods, 'sweep')) {
      await model.dispose();
      continue;
    }
    console.log(`\nRP masks-per-batch sweep (${name}):`);
    const sweepJobs = await jobsFor(big ? 8 : 32, model.info.classes.length);
    for (const perBatch of big ? [1, 2, 4, 8] : [1, 4, 16, 32]) {
      const r = await extrapolate('rp', 'iterations', big ? 3 : 8, 150, { masksPerBatch: perBatch }, model, sweepJobs.slice(0, perBatch));
      results.push({ model: name, method: `rp sweep ${perBatch}`, reference: '150 iterations', ...r });
      console.log(`  ${String(perBatch).padStart(2)} masks per batch: ${fmt(r.perStepPerMapMs)} per iteration per map, ${fmt(r.perMapMs)} per map at 150, model share of a step ${(100 * r.modelShare).toFixed(1)}% (${r.measured})`);
    }
    await model.dispose();
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ machine, results }, null, 2));
}

await main();
