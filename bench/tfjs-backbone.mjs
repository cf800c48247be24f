// Bench of the built-in backbone: training step time (tfjs wasm), and forward / forward+vjp
// throughput on tfjs wasm, tfjs cpu and onnxruntime cpu, side by side in one run.
// Usage: node bench/tfjs-backbone.mjs [--batch 32] [--repeats 5] [--train-batches 4]
// (tfjs cpu is very slow at vjp: 52 s for batch 8 here; the docs table used --batch 8 --repeats 2)
// (build first: npx tsc -p packages/core && npx tsc -p packages/models)
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import {
  loadTfjsClassifier, loadOnnxClassifier, trainBackbone,
  BUILTIN_TFJS_MODEL, BUILTIN_ONNX_MODEL, BUILTIN_CLASSES, BACKBONE_INPUT_SIZE, BACKBONE_MEAN, BACKBONE_STD,
} from '@saliency-bench/models';
import { createRandom } from '@saliency-bench/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medianMs } from './support/median-ms.mjs';

const { values } = parseArgs({ options: { batch: { type: 'string', default: '32' }, repeats: { type: 'string', default: '5' }, 'train-batches': { type: 'string', default: '4' } } });
const batch = Number(values.batch);
const repeats = Number(values.repeats);
const S = BACKBONE_INPUT_SIZE;
const x = createRandom('bench').fillNormal(new Float32Array(batch * 3 * S * S));
const g = new Float32Array(batch * 8).fill(1);

/** Median wall time in ms of `repeats` calls after one warm-up. */
const time = (fn) => medianMs(repeats, fn);

const rows = [];
async function engineRow(label, load) {
  const model = await load();
  const forward = await time(() => model.forward(x, batch));
  const vjp = await time(() => model.vjp(x, batch, g));
  rows.push({ engine: label, forward, vjp });
  console.error(`${label}: forward ${forward.toFixed(0)} ms, forward+vjp ${vjp.toFixed(0)} ms`);
  await model.dispose();
}
const common = { classes: BUILTIN_CLASSES, mean: [...BACKBONE_MEAN], std: [...BACKBONE_STD], activation: 'sigmoid' };
await engineRow('tfjs wasm', () => loadTfjsClassifier({ ...common, model: BUILTIN_TFJS_MODEL, backend: 'wasm', maxBatch: batch }));
await engineRow('tfjs cpu', () => loadTfjsClassifier({ ...common, model: BUILTIN_TFJS_MODEL, backend: 'cpu', maxBatch: batch }));
await engineRow('onnx cpu (2 threads)', () => loadOnnxClassifier({ ...common, path: BUILTIN_ONNX_MODEL, maxBatch: batch, threads: 2 }));

// Training: a few real optimizer steps on random labels at batch 32, through trainBackbone itself.
const trainBatches = Number(values['train-batches']);
const fake = (count) => ({
  classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], size: async () => count,
  load: async (i) => ({ id: String(i), image: createRandom('bench-img', i).fillNormal(new Float32Array(3 * S * S), 0.5, 0.2), width: S, height: S, labels: [i % 8], objects: [] }),
});
const out = await mkdtemp(join(tmpdir(), 'bench-train-'));
const progress = { batch() {}, line() {} };
// One epoch of trainBatches steps per thread count; the epoch's seconds include validation of 8 images.
const stepMs = {};
for (const threads of [1, 2]) {
  await trainBackbone({ train: fake(32), val: fake(8), outDir: join(out, `warm-${threads}`), epochs: 1, backend: 'wasm', threads, progress });
  const result = await trainBackbone({ train: fake(32 * trainBatches), val: fake(8), outDir: join(out, `timed-${threads}`), epochs: 1, backend: 'wasm', threads, progress });
  stepMs[threads] = (result.epochs[0].seconds * 1000) / trainBatches;
}
await rm(out, { recursive: true, force: true });

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms  ${((batch * 1000) / ms).toFixed(0).padStart(5)} img/s`;
console.log(`built-in backbone ${S}x${S}, batch ${batch}, median of ${repeats}; ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
console.log(`${'engine'.padEnd(22)}  ${'forward'.padEnd(22)}  forward+vjp`);
for (const r of rows) console.log(`${r.engine.padEnd(22)}  ${fmt(r.forward)}  ${fmt(r.vjp)}`);
for (const [threads, ms] of Object.entries(stepMs)) {
  console.log(`training (tfjs wasm, batch 32, Adam, augmentation, ${threads} thread${threads === '1' ? '' : 's'}): ${ms.toFixed(0)} ms per step -> ${((ms * Math.ceil(3000 / 32)) / 1000).toFixed(0)} s per epoch of 3000 images`);
}
