#!/usr/bin/env node
/**
 * Where the time of a forward+vjp call goes: onnxruntime's profiler on the compiled vjp graph of
 * the ResNet-50- or VGG-16-shaped reference network, kernel time summed per operator type (and
 * the NCHWc layout reorders counted apart), for one call after a warm-up call.
 *
 *   node bench/onnx-profile.mjs [--model resnet50|vgg16] [--size 224] [--batch 2] [--threads 2] [--forward]
 * Needs the packages built. --forward profiles the forward-only graph instead.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const arch = option('--model', 'resnet50');
const size = Number(option('--size', 224));
const batch = Number(option('--batch', 2));
const threads = Number(option('--threads', 2));
const forwardOnly = args.includes('--forward');
const directory = mkdtempSync(join(tmpdir(), 'onnx-profile-'));
process.env.SALIENCY_BENCH_ORT_PROFILE = join(directory, 'profile');

const { loadOnnxClassifier } = await import('@saliency-bench/models');
const { referenceResNet, referenceVgg16 } = await import('../packages/models/dist/onnx/testing/reference-networks.js');
const classes = 1000;
const g = arch === 'vgg16' ? referenceVgg16({ inputSize: size, classes, seed: 'bench' }) : referenceResNet(50, { inputSize: size, classes, seed: 'bench' });
const path = join(directory, `${arch}.onnx`);
writeFileSync(path, g.toBytes());
const model = await loadOnnxClassifier({ path, classes: Array.from({ length: classes }, (_, i) => `c${i}`), threads });
const x = new Float32Array(batch * 3 * size * size).fill(0.5);
for (let i = 0; i < 2; i++) {
  if (forwardOnly) await model.forward(x, batch);
  else await model.vjp(x, batch, new Float32Array(batch * classes).fill(1e-3));
}
await model.dispose();

// The profile of the session that ran (the forward session exists only with --forward).
const files = readdirSync(directory).filter((f) => f.startsWith('profile') && f.endsWith('.json'));
const isRun = (e) => e.cat === 'Session' && e.name === 'model_run';
const events = files.map((f) => JSON.parse(readFileSync(join(directory, f), 'utf8'))).find((list) => list.some(isRun));
const runs = events.filter(isRun);
const last = runs[runs.length - 1];
const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time') && e.ts >= last.ts && e.ts <= last.ts + last.dur);
const byOp = new Map();
for (const e of kernels) {
  const op = e.args?.op_name ?? '?';
  const entry = byOp.get(op) ?? { ms: 0, count: 0 };
  entry.ms += e.dur / 1000;
  entry.count += 1;
  byOp.set(op, entry);
}
const total = [...byOp.values()].reduce((a, b) => a + b.ms, 0);
console.log(`# ${arch} ${size}px batch ${batch}, ${threads} threads, ${forwardOnly ? 'forward' : 'forward+vjp'}: run ${(last.dur / 1000).toFixed(0)} ms, kernels ${total.toFixed(0)} ms`);
for (const [op, { ms, count }] of [...byOp].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`${op.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms ${(100 * ms / total).toFixed(1).padStart(5)}%  (${count} nodes)`);
}
rmSync(directory, { recursive: true, force: true });
