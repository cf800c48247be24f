#!/usr/bin/env node
/**
 * Where an Extremal Perturbation step spends its time: the engine call (one vjpWithHead per step)
 * against the JavaScript around it, split into the smooth mask generator (generate, crop,
 * backward), the blur pyramid (apply, applyGradient) and the rest (area regulariser, flips, SGD).
 * Runs the ep plugin with TorchRay's voc preset (4 areas) on the built-in backbone (96 px, its
 * shipped weights) and on a ResNet-50-shaped graph (seeded, 20 classes, sigmoid) at 224 px.
 *
 *   node bench/ep-step.mjs [--models backbone,resnet] [--iterations 8] [--jobs 1] [--threads 2]
 *                          [--maps out.bin] [--compare before.bin]
 * --maps writes every job's final map (float32, job order) so two builds can be compared;
 * --compare reads such a file and prints the largest difference to this run's maps.
 * Needs the packages built (npx nx run-many -t build).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@saliency-bench/core';
import { createSyntheticDataset, SYNTHETIC_CLASSES } from '@saliency-bench/datasets';
import { builtinMethods } from '@saliency-bench/methods';
import { BUILTIN_WEIGHTS_DIR, loadOnnxClassifier } from '@saliency-bench/models';
import { referenceResNet } from '@saliency-bench/models/testing';
// The plugin's own module instances (same resolved files), so wrapping their prototypes times its calls.
import { SmoothMaskGenerator } from '../packages/methods/dist/ep/smooth-mask-generator.js';
import { BlurPyramid } from '../packages/methods/dist/ep/blur-pyramid.js';

const args = process.argv.slice(2);
const option = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const threads = Number(option('--threads', 2));
const iterations = Number(option('--iterations', 8));
const jobCount = Number(option('--jobs', 1));
const models = option('--models', 'backbone,resnet').split(',');
const mapsOut = option('--maps');
const compareWith = option('--compare');

/** Milliseconds per category since the last reset. */
const spent = { engine: 0, generator: 0, pyramid: 0 };
function timeMethods(proto, names, category) {
  for (const name of names) {
    const original = proto[name];
    proto[name] = function (...rest) {
      const start = performance.now();
      try {
        return original.apply(this, rest);
      } finally {
        spent[category] += performance.now() - start;
      }
    };
  }
}
timeMethods(SmoothMaskGenerator.prototype, ['generate', 'crop', 'backward'], 'generator');
timeMethods(BlurPyramid.prototype, ['apply', 'applyGradient'], 'pyramid');

/** Steps end at each engine call's end; a step's split is what each category spent inside it. */
const steps = [];
function timedModel(model) {
  let stepStart;
  let snapshot = { ...spent };
  const engine = async (call) => {
    const start = performance.now();
    try {
      return await call();
    } finally {
      const end = performance.now();
      spent.engine += end - start;
      if (stepStart !== undefined) {
        steps.push({ ms: end - stepStart, ...Object.fromEntries(Object.keys(spent).map((k) => [k, spent[k] - snapshot[k]])) });
      }
      stepStart = end;
      snapshot = { ...spent };
    }
  };
  return {
    info: model.info,
    forward: (x, n) => model.forward(x, n),
    vjp: (x, n, g) => engine(() => model.vjp(x, n, g)),
    vjpWithHead: (x, n, head) => engine(() => model.vjpWithHead(x, n, head)),
    dispose: () => model.dispose(),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

async function loadModel(name, directory) {
  const common = { activation: 'sigmoid', threads, maxBatch: 64 };
  if (name === 'backbone') {
    const path = join(BUILTIN_WEIGHTS_DIR, 'builtin.onnx');
    if (!existsSync(path)) throw new Error(`${path} missing: the built-in weights are needed`);
    return { label: 'built-in backbone, 96 px', model: await loadOnnxClassifier({ ...common, path, classes: SYNTHETIC_CLASSES, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }) };
  }
  const path = join(directory, 'resnet50.onnx');
  writeFileSync(path, referenceResNet(50, { inputSize: 224, classes: 20, seed: 'ep-bench' }).toBytes());
  return { label: 'ResNet-50-shaped, 224 px', model: await loadOnnxClassifier({ ...common, path, classes: Array.from({ length: 20 }, (_, k) => `c${k}`) }) };
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'ep-bench-'));
  console.log(`# ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, Node ${process.version}, onnxruntime-node cpu ${threads} threads; ep voc preset (4 areas), ${iterations} iterations, ${jobCount} job(s) per batch`);
  console.log(`# load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const dataset = createSyntheticDataset({ count: jobCount, width: 300, height: 300, seed: 3 });
  const maps = [];
  for (const name of models) {
    const { label, model } = await loadModel(name, directory);
    const jobs = [];
    for (let i = 0; i < jobCount; i++) {
      const sample = await dataset.load(i);
      const classIndex = (sample.labels[0] ?? 0) % model.info.classes.length;
      jobs.push({ sample, classIndex, key: `${sample.id}__${classIndex}` });
    }
    const plugin = await builtinMethods.ep();
    const method = await plugin.create({ ...plugin.defaults, benchmark: 'voc', iterations, masksPerBatch: jobCount }, { baseDir: '.', seed: 777 });
    steps.length = 0;
    const results = await method.explain(jobs, { model: timedModel(model), random: (job) => createRandom(777, job.key, 'bench'), signal: new AbortController().signal, batchSize: jobCount });
    for (const result of results) maps.push(result.map);
    const pick = (key) => median(steps.map((s) => s[key]));
    const step = pick('ms');
    const js = steps.map((s) => s.ms - s.engine);
    const row = (what, ms) => `${what.padEnd(28)} ${ms.toFixed(1).padStart(9)} ms  ${((100 * ms) / step).toFixed(1).padStart(5)}%`;
    console.log(`\n## ${label}: median of ${steps.length} steps (each step's own split; medians do not add up exactly)`);
    console.log(row('step', step));
    console.log(row('engine call (vjpWithHead)', pick('engine')));
    console.log(row('JavaScript, all', median(js)));
    console.log(row('  mask generator', pick('generator')));
    console.log(row('  blur pyramid', pick('pyramid')));
    console.log(row('  rest (regulariser, SGD...)', median(steps.map((s) => s.ms - s.engine - s.generator - s.pyramid))));
    // Steps are numbered from the second (the first has no previous engine call to start from).
    const marks = [2, 3, 5, 10, 20, 50, 100, 200, 400, 800].filter((s) => s - 2 < steps.length);
    console.log(`JavaScript ms (share) at step ${marks.map((s) => `${s}: ${js[s - 2].toFixed(0)} (${((100 * js[s - 2]) / steps[s - 2].ms).toFixed(0)}%)`).join(', ')}`);
    await model.dispose();
  }
  console.log(`# load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const flat = Float32Array.from(maps.flatMap((m) => Array.from(m)));
  if (mapsOut) writeFileSync(mapsOut, Buffer.from(flat.buffer));
  if (compareWith) {
    const before = new Float32Array(new Uint8Array(readFileSync(compareWith)).buffer);
    if (before.length !== flat.length) throw new Error(`${compareWith}: ${before.length} values, this run ${flat.length}`);
    let max = 0;
    let differing = 0;
    for (let i = 0; i < flat.length; i++) {
      const d = Math.abs(flat[i] - before[i]);
      if (d > 0 || Object.is(flat[i], -0) !== Object.is(before[i], -0)) differing++;
      max = Math.max(max, d);
    }
    console.log(`maps vs ${compareWith}: ${differing} of ${flat.length} values differ, max |difference| ${max}`);
  }
}

await main();
