#!/usr/bin/env node
/**
 * Robust Perturbation per iteration: the project's rp (ONNX engine, cpu) against the reference
 * loop in PyTorch (bench/rp-vs-pytorch.py: two branches, one backward, Adam on a 300x300 mask),
 * on the same network (built and seeded in PyTorch, exported to ONNX for the project), the same
 * number of threads, one mask at a time; then the same with one extra busy process on the machine.
 * The project runs three ways: two engine calls per step (forward, then vjp: the fallback) and one
 * call (the loss head inside the backward graph), with onnxruntime's idle threads spinning or not.
 *
 *   node bench/rp-vs-pytorch.mjs [--threads 2] [--iterations 6] [--models resnet50,vgg16] [--json out.json]
 *
 * Needs the packages built and PyTorch for /usr/bin/python3 (Debian: apt-get install python3-torch;
 * it is not a project dependency). Seconds per iteration are medians after warm-up steps; a
 * project step is delimited by its once-per-step gradient call (the first two steps are dropped).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@saliency-bench/core';
import { createSyntheticDataset } from '@saliency-bench/datasets';
import { builtinMethods } from '@saliency-bench/methods';
import { loadOnnxClassifier } from '@saliency-bench/models';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const threads = Number(option('--threads', 2));
const iterations = Number(option('--iterations', 6));
const models = option('--models', 'resnet50,vgg16').split(',');
const jsonOut = option('--json');
const python = option('--python', '/usr/bin/python3');
const script = fileURLToPath(new URL('./rp-vs-pytorch.py', import.meta.url));
const size = 300;
const classes = 8;
const directory = mkdtempSync(join(tmpdir(), 'rp-vs-pytorch-'));

function requireTorch() {
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'pipe' });
  } catch {
    console.error(`${python} cannot import torch: install PyTorch (Debian: apt-get install python3-torch) or pass --python <interpreter>`);
    process.exit(2);
  }
}

/** Every model call timed; a step ends with the model's gradient call (vjp, or vjpWithHead). */
function timed(model) {
  const calls = [];
  const wrapped = { info: model.info };
  for (const key of Object.keys(model)) {
    if (typeof model[key] !== 'function') continue;
    wrapped[key] = async (...a) => {
      const start = performance.now();
      try {
        return await model[key](...a);
      } finally {
        calls.push({ kind: key, end: performance.now() });
      }
    };
  }
  return { wrapped, calls };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** `oneCall: false` hides vjpWithHead, so rp takes the two-call path (forward, then vjp). */
async function projectSecondsPerIteration(model, job, oneCall) {
  const plugin = await builtinMethods.rp();
  const method = await plugin.create({ ...plugin.defaults, iterations: iterations + 2, masksPerBatch: 1 }, { baseDir: '.', seed: 777 });
  const { wrapped, calls } = timed(model);
  if (!oneCall) delete wrapped.vjpWithHead;
  const ctx = { model: wrapped, random: (j) => createRandom(777, j.key, 'bench'), signal: new AbortController().signal, batchSize: 1 };
  await method.explain([job], ctx);
  const ends = calls.filter((c) => c.kind === (oneCall ? 'vjpWithHead' : 'vjp')).map((c) => c.end);
  const steps = ends.slice(1).map((end, i) => end - ends[i]).slice(1);
  return median(steps) / 1000;
}

function pytorchSecondsPerIteration(arch) {
  const out = execFileSync(python, [script, 'time', '--arch', arch, '--size', String(size), '--classes', String(classes), '--threads', String(threads), '--iterations', String(iterations)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

/** One busy process (a spinning loop) beside the measurement. */
function busyNeighbour() {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return () => child.kill('SIGKILL');
}

async function main() {
  requireTorch();
  const dataset = createSyntheticDataset({ count: 1, width: size, height: size, seed: 3 });
  const sample = await dataset.load(0);
  const job = { sample, classIndex: 0, key: `${sample.id}__0` };
  const machine = `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${threads} threads each, Node ${process.version}`;
  console.log(`# ${machine}; ResNet-50/VGG-16 at ${size} px, ${classes} sigmoid outputs, seeded random weights; one mask; median of ${iterations} iterations`);
  const loads = ['idle', 'one busy process'];
  const variants = [
    { name: 'two calls, spinning', spinning: true, oneCall: false },
    { name: 'one call, spinning', spinning: true, oneCall: true },
    { name: 'one call, no spinning', spinning: false, oneCall: true },
  ];
  console.log(`| model | load | ${variants.map((v) => `rp ${v.name}`).join(' | ')} | PyTorch | PyTorch / rp (one call, no spinning) |`);
  console.log(`|---|---|${variants.map(() => '---|').join('')}---|---|`);
  const rows = [];
  const withLoad = async (load, measure) => {
    const stop = load === 'idle' ? () => {} : busyNeighbour();
    try {
      return await measure();
    } finally {
      stop();
    }
  };
  for (const arch of models) {
    const path = join(directory, `${arch}.onnx`);
    execFileSync(python, [script, 'export', '--arch', arch, '--size', String(size), '--classes', String(classes), '--out', path], { stdio: 'pipe' });
    const measured = Object.fromEntries(loads.map((load) => [load, {}]));
    for (const spinning of [true, false]) {
      const model = await loadOnnxClassifier({ path, classes: Array.from({ length: classes }, (_, k) => `c${k}`), activation: 'sigmoid', threads, threadSpinning: spinning, maxBatch: 2 });
      for (const load of loads) {
        for (const variant of variants.filter((v) => v.spinning === spinning)) {
          measured[load][variant.name] = await withLoad(load, () => projectSecondsPerIteration(model, job, variant.oneCall));
        }
      }
      await model.dispose();
    }
    for (const load of loads) {
      const torch = await withLoad(load, async () => pytorchSecondsPerIteration(arch));
      const best = measured[load]['one call, no spinning'];
      const row = { model: arch, load, rp: measured[load], pytorch: torch.secondsPerIteration, ratio: torch.secondsPerIteration / best, torchVersion: torch.torch, torchThreads: torch.threads };
      rows.push(row);
      console.log(`| ${arch} | ${load} | ${variants.map((v) => measured[load][v.name].toFixed(3)).join(' | ')} | ${row.pytorch.toFixed(3)} | ${row.ratio.toFixed(2)}x |`);
    }
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ machine, rows }, null, 2));
  rmSync(directory, { recursive: true, force: true });
}

await main();
