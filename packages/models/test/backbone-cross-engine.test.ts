import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Classifier } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';
import { fileIOHandler } from '../src/tfjs/file-io-handler.js';
import { loadTfjsClassifier } from '../src/tfjs/load-tfjs-classifier.js';
import { createBackbone } from '../src/backbone/create-backbone.js';
import { exportBackboneOnnx } from '../src/backbone/export-backbone-onnx.js';
import { loadOnnxClassifier } from '../src/onnx/runtime/onnx-classifier.js';

const size = 20;
const classes = ['a', 'b', 'c'];
const info = { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], activation: 'sigmoid' as const };
let dir: string;
let tfjs: Classifier;
let onnx: Classifier;

beforeAll(async () => {
  const runtime = await loadTfjs('cpu');
  const { tf } = runtime;
  dir = await mkdtemp(join(tmpdir(), 'cross-engine-'));
  const model = createBackbone(runtime, { classes: classes.length, inputSize: size, channels: [4, 6, 8], seed: 5 });
  // Non-trivial batch-norm statistics, so the export's folding is really exercised.
  const random = createRandom('cross-engine-bn');
  for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
    const n = layer.getWeights()[0].shape[0];
    const draw = (lo: number, hi: number) => tf.tensor1d(Float32Array.from({ length: n }, () => lo + (hi - lo) * random.uniform()));
    layer.setWeights([draw(0.5, 1.5), draw(-0.3, 0.3), draw(-0.2, 0.2), draw(0.2, 2)]);
  }
  await model.save(fileIOHandler(tf.io, join(dir, 'model.json')));
  await writeFile(join(dir, 'model.onnx'), exportBackboneOnnx(runtime, model));
  model.dispose();
  tfjs = await loadTfjsClassifier({ model: dir, backend: 'cpu', classes, ...info });
  onnx = await loadOnnxClassifier({ path: join(dir, 'model.onnx'), classes, ...info });
});

afterAll(async () => {
  await tfjs?.dispose();
  await onnx?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const input = (n: number, seed: string) => createRandom('cross-engine', seed).fillNormal(new Float32Array(n * 3 * size * size));

/** max |a - b| / max |b|: the error relative to the output's scale. */
function relativeError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let error = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    error = Math.max(error, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return error / scale;
}

describe('the backbone exported to ONNX', () => {
  it('describes the same model on both engines', () => {
    expect(onnx.info.inputShape).toEqual(tfjs.info.inputShape);
    expect(onnx.info.classes).toEqual(tfjs.info.classes);
  });

  it('gives the same logits on tfjs and onnxruntime (relative error < 1e-5)', async () => {
    const x = input(4, 'logits');
    expect(relativeError(await onnx.forward(x, 4), await tfjs.forward(x, 4))).toBeLessThan(1e-5);
  });

  it('gives the same input gradients (relative error < 1e-4)', async () => {
    const x = input(3, 'vjp');
    const g = createRandom('cross-engine', 'g').fillNormal(new Float32Array(3 * classes.length));
    const a = await onnx.vjp(x, 3, g);
    const b = await tfjs.vjp(x, 3, g);
    expect(relativeError(a.logits, b.logits)).toBeLessThan(1e-5);
    expect(relativeError(a.gInput, b.gInput)).toBeLessThan(1e-4);
  });

  it('exposes the same named activation and its gradient (Grad-CAM layer conv3)', async () => {
    const x = input(2, 'cam');
    const g = Float32Array.from([1, 0, 0, 0, 1, 0]);
    const a = await onnx.intermediate!(x, 2, 'conv3', g);
    const b = await tfjs.intermediate!(x, 2, 'conv3', g);
    expect(a.shape).toEqual(b.shape);
    expect(relativeError(a.activation, b.activation)).toBeLessThan(1e-5);
    expect(relativeError(a.gradient, b.gradient)).toBeLessThan(1e-5);
  });
});
