#!/usr/bin/env node
/**
 * ONNX engine timings: forward and forward+vjp (one vjp call) per image for ResNet-50- and
 * VGG-16-shaped graphs with seeded random weights (the cost does not depend on the values), at
 * 224 and 300 pixels, batches 1, 2 and 8, cpu provider; and the peak RSS of a process that loads
 * a ~100 MB model (ResNet-50), next to a plain onnxruntime session of the same file.
 *
 *   node bench/onnx-engine.mjs [--quick] [--threads 2] [--json out.json] [--only ResNet-50:224:8] [--no-rss]
 * Needs the packages built (npx tsc -p packages/core && npx tsc -p packages/models).
 * --quick: batches 1 and 2 only. VGG-16 at 300 px with batch 8 is always skipped (too slow here).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOnnxClassifier } from '@saliency-bench/models';
import { referenceResNet, referenceVgg16 } from '@saliency-bench/models/testing';
import { medianMs } from './support/median-ms.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

if (args[0] === '--rss-child') {
  // Child process: peak RSS while loading one model, then after the first vjp and forward.
  const [, mode, path, threads] = args;
  // VmHWM (peak resident set) belongs to this process image; ru_maxrss would include the parent's
  // memory at fork time.
  const { readFileSync } = await import('node:fs');
  const mib = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  const baseline = mib();
  const ort = await import('onnxruntime-node');
  if (mode === 'plain') {
    await ort.InferenceSession.create(path, { intraOpNumThreads: Number(threads), graphOptimizationLevel: 'all' });
    console.log(JSON.stringify({ baseline, loaded: mib() }));
  } else {
    const model = await loadOnnxClassifier({ path, classes: Array.from({ length: 1000 }, (_, i) => `c${i}`), threads: Number(threads) });
    const loaded = mib();
    const x = new Float32Array(3 * 224 * 224).fill(0.5);
    await model.vjp(x, 1, new Float32Array(1000).fill(1e-3));
    const afterVjp = mib();
    await model.forward(x, 1);
    console.log(JSON.stringify({ baseline, loaded, afterVjp, afterForward: mib() }));
    await model.dispose();
  }
  process.exit(0);
}

const quick = args.includes('--quick');
const threads = Number(option('--threads', 2));
const jsonOut = option('--json');
const directory = mkdtempSync(join(tmpdir(), 'onnx-engine-bench-'));
const batches = quick ? [1, 2] : [1, 2, 8];
// --only model:size:batch (repeatable) re-measures single rows, e.g. one disturbed by other load.
const only = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));
const wanted = (name, size, n) => only.length === 0 || only.some((o) => o === `${name}:${size}:${n}` || o === `${name}:${size}` || o === name);
const classes = Array.from({ length: 1000 }, (_, i) => `c${i}`);

function build(name, size) {
  const start = performance.now();
  const g = name === 'ResNet-50' ? referenceResNet(50, { inputSize: size, classes: 1000, seed: 'bench' }) : referenceVgg16({ inputSize: size, classes: 1000, seed: 'bench' });
  const path = join(directory, `${name}-${size}.onnx`);
  writeFileSync(path, g.toBytes());
  return { path, buildMs: performance.now() - start, megabytes: statSync(path).size / 1e6 };
}

const rows = [];
for (const name of ['ResNet-50', 'VGG-16']) {
  for (const size of [224, 300]) {
    if (!batches.some((n) => wanted(name, size, n))) continue;
    const file = build(name, size);
    const loadStart = performance.now();
    const model = await loadOnnxClassifier({ path: file.path, classes, threads, maxBatch: 8 });
    const loadMs = performance.now() - loadStart;
    for (const n of batches) {
      if ((name === 'VGG-16' && size === 300 && n === 8) || !wanted(name, size, n)) continue;
      const x = new Float32Array(n * 3 * size * size).map((_, i) => Math.sin(i) * 0.5);
      const g = new Float32Array(n * 1000).fill(1e-3);
      const runs = n === 8 ? 1 : 3;
      const forwardMs = await medianMs(runs, () => model.forward(x, n));
      const vjpMs = await medianMs(runs, () => model.vjp(x, n, g));
      const row = { model: name, size, batch: n, fileMB: file.megabytes, loadMs, forwardMsPerImage: forwardMs / n, vjpMsPerImage: vjpMs / n, ratio: vjpMs / forwardMs };
      rows.push(row);
      console.error(JSON.stringify(row));
    }
    await model.dispose();
    rmSync(file.path);
  }
}

if (args.includes('--no-rss')) {
  for (const r of rows) console.log(`| ${r.model} | ${r.size} | ${r.batch} | ${r.forwardMsPerImage.toFixed(0)} | ${r.vjpMsPerImage.toFixed(0)} | ${r.ratio.toFixed(2)} |`);
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
}

// Peak RSS: fresh processes loading a ~100 MB ResNet-50 file.
const rssFile = build('ResNet-50', 224);
const self = fileURLToPath(import.meta.url);
const child = (mode) => JSON.parse(execFileSync(process.execPath, [self, '--rss-child', mode, rssFile.path, String(threads)], { encoding: 'utf8' }).trim().split('\n').pop());
const engine = child('engine');
const plain = child('plain');
rmSync(directory, { recursive: true, force: true });

const fmt = (v, d = 0) => v.toFixed(d);
const lines = [
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30)} GiB, onnxruntime-node cpu provider, ${threads} threads, Node ${process.version}.`,
  '',
  '| model | input | batch | forward ms/image | forward+vjp ms/image | (forward+vjp)/forward |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.model} | ${r.size} | ${r.batch} | ${fmt(r.forwardMsPerImage)} | ${fmt(r.vjpMsPerImage)} | ${fmt(r.ratio, 2)} |`),
  '',
  `Peak RSS loading ResNet-50 (${fmt(rssFile.megabytes)} MB file): process baseline ${fmt(engine.baseline)} MiB; ` +
    `after loadOnnxClassifier ${fmt(engine.loaded)} MiB (+${fmt(engine.loaded - engine.baseline)} MiB = ${fmt(((engine.loaded - engine.baseline) * 1.048576) / rssFile.megabytes, 1)}x the file); ` +
    `after the first vjp ${fmt(engine.afterVjp)} MiB; after the first forward (second session) ${fmt(engine.afterForward)} MiB. ` +
    `A plain onnxruntime session of the same file: +${fmt(plain.loaded - plain.baseline)} MiB (${fmt(((plain.loaded - plain.baseline) * 1.048576) / rssFile.megabytes, 1)}x).`,
];
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, engine, plain, fileMB: rssFile.megabytes }, null, 2));
