import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs-core';
import { createRandom, evaluateLossHead, type Classifier } from '@saliency-bench/core';
import { loadTfjs, type TfjsRuntime } from '../src/tfjs/tfjs-runtime.js';
import { fileIOHandler } from '../src/tfjs/file-io-handler.js';
import { loadTfjsClassifier } from '../src/tfjs/load-tfjs-classifier.js';
import { createBackbone } from '../src/backbone/create-backbone.js';

const size = 16;
const K = 3;
let runtime: TfjsRuntime;
let tf: typeof Tf;
let dir: string;
let classifier: Classifier;
let denseKernel: Float32Array; // [8, K]

beforeAll(async () => {
  runtime = await loadTfjs('cpu');
  tf = runtime.tf;
  dir = await mkdtemp(join(tmpdir(), 'tfjs-classifier-'));
  const model = createBackbone(runtime, { classes: K, inputSize: size, channels: [4, 8], seed: 3 });
  model.setUserDefinedMetadata({ saliencyBench: { name: 'tiny', classes: ['a', 'b', 'c'], mean: [0.5, 0.4, 0.3], std: [0.2, 0.2, 0.2], activation: 'sigmoid' } });
  await model.save(fileIOHandler(tf.io, join(dir, 'model.json')));
  denseKernel = model.getLayer('logits').getWeights()[0].dataSync() as Float32Array;
  model.dispose();
  classifier = await loadTfjsClassifier({ model: dir, backend: 'cpu' });
});

afterAll(async () => {
  await classifier?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const input = (n: number, seed: string) => createRandom('tfjs-classifier', seed).fillNormal(new Float32Array(n * 3 * size * size));

describe('loadTfjsClassifier', () => {
  it('takes classes, normalisation and input shape from the model file', () => {
    expect(classifier.info).toEqual({
      name: 'tiny', classes: ['a', 'b', 'c'], inputShape: [3, size, size], activation: 'sigmoid', mean: [0.5, 0.4, 0.3], std: [0.2, 0.2, 0.2],
    });
  });

  it('gives the logits of the NHWC model for NCHW input, the same alone or batched', async () => {
    const x = input(3, 'forward');
    const logits = await classifier.forward(x, 3);
    expect(logits.length).toBe(3 * K);
    const plane = 3 * size * size;
    const second = await classifier.forward(x.slice(plane, 2 * plane), 1);
    for (let k = 0; k < K; k++) expect(second[k]).toBeCloseTo(logits[K + k], 5);
    // Independent path: transpose by hand and run the layers model directly.
    const nhwc = new Float32Array(x.length);
    for (let n = 0; n < 3; n++) for (let c = 0; c < 3; c++) for (let i = 0; i < size * size; i++) nhwc[n * plane + i * 3 + c] = x[n * plane + c * size * size + i];
    const model = await runtime.layers.loadLayersModel(fileIOHandler(tf.io, join(dir, 'model.json')));
    const direct = tf.tidy(() => (model.predict(tf.tensor4d(nhwc, [3, size, size, 3])) as Tf.Tensor).dataSync());
    model.dispose();
    for (let i = 0; i < 3 * K; i++) expect(logits[i]).toBeCloseTo(direct[i], 5);
  });

  it('returns J^T g that matches central finite differences along random directions', async () => {
    const x = input(2, 'vjp');
    const g = Float32Array.from([1, -0.5, 2, 0.3, 0.7, -1]);
    const { logits, gInput } = await classifier.vjp(x, 2, g);
    expect(Array.from(logits)).toEqual(Array.from(await classifier.forward(x, 2)));
    const f = async (v: Float32Array) => (await classifier.forward(v, 2)).reduce((s, l, i) => s + l * g[i], 0);
    // ReLU and max pooling put kinks everywhere, and float32 limits how small a step can be:
    // take the best of a few step sizes (the error at each is crossing kinks or rounding, never both small).
    for (const seed of ['d1', 'd2', 'd3']) {
      const d = input(2, seed);
      const analytic = gInput.reduce((s, v, i) => s + v * d[i], 0);
      let best = Infinity;
      for (const eps of [1e-3, 3e-4, 1e-4]) {
        const numeric = ((await f(x.map((v, i) => v + eps * d[i]))) - (await f(x.map((v, i) => v - eps * d[i])))) / (2 * eps);
        best = Math.min(best, Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic)));
      }
      expect(best).toBeLessThan(3e-3);
    }
  });

  it('exposes the last conv activation with the gradient a GAP + dense head implies', async () => {
    const x = input(2, 'cam');
    const g = Float32Array.from([1, 0, 0, 0, 0, 1]);
    const result = await classifier.intermediate!(x, 2, 'conv2', g);
    expect(result.shape).toEqual([2, 8, 8, 8]);
    expect(Array.from(result.logits)).toEqual(Array.from(await classifier.forward(x, 2)));
    // d(sum g * logits)/dA[n, c, y, x] = sum_k W[c, k] g[n, k] / (h * w), the same at every pixel.
    for (let n = 0; n < 2; n++) for (let c = 0; c < 8; c++) {
      let expected = 0;
      for (let k = 0; k < K; k++) expected += (denseKernel[c * K + k] * g[n * K + k]) / 64;
      for (let p = 0; p < 64; p++) expect(result.gradient[(n * 8 + c) * 64 + p]).toBeCloseTo(expected, 6);
    }
    expect(Math.min(...result.activation)).toBeGreaterThanOrEqual(0);
  });

  it('leaves no tensor behind after forward, vjp and intermediate', async () => {
    const before = tf.memory().numTensors;
    const x = input(2, 'leak');
    await classifier.forward(x, 2);
    await classifier.vjp(x, 2, new Float32Array(2 * K).fill(1));
    await classifier.intermediate!(x, 2, 'conv1', new Float32Array(2 * K).fill(1));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('explains bad input: wrong length, unknown layer, missing file', async () => {
    await expect(classifier.forward(new Float32Array(5), 1)).rejects.toThrow(/n\*3\*16\*16 = 768/);
    await expect(classifier.intermediate!(input(1, 'e'), 1, 'nope', new Float32Array(K))).rejects.toThrow(/no layer named "nope"; layers: conv1/);
    await expect(loadTfjsClassifier({ model: join(dir, 'missing.json'), backend: 'cpu' })).rejects.toThrow(/missing\.json does not exist/);
    await writeFile(join(dir, 'broken.json'), '{"format": "layers-model"}');
    await expect(loadTfjsClassifier({ model: join(dir, 'broken.json'), backend: 'cpu' })).rejects.toThrow(/no "modelTopology"/);
  });

  it('says how to install the tensorflow backend when it is asked for and missing', async () => {
    await expect(loadTfjs('tensorflow')).rejects.toThrow(/npm install @tensorflow\/tfjs-node-gpu/);
  });
});

describe('the loss head in the tfjs gradient function', () => {
  it('gives the two-call path\'s input gradients and loss parts in one call, within 1e-5', async () => {
    const rows = 3;
    const random = createRandom('tfjs-head');
    const normal = (length: number) => random.fillNormal(new Float32Array(length));
    const head = {
      logit: normal(rows * K),
      probability: normal(rows * K),
      divergence: normal(rows * K),
      reference: new Float32Array(rows * K).map(() => random.uniform()),
      maxLogit: normal(rows),
      maxProbability: normal(rows),
      candidates: Float32Array.of(1, 1, 0, 0, 1, 1, 0, 0, 0),
    };
    const x = input(rows, 'head');
    const one = await classifier.vjpWithHead!(x, rows, head);
    const logits = await classifier.forward(x, rows);
    const js = evaluateLossHead(head, logits, rows, K, 'sigmoid');
    const two = await classifier.vjp(x, rows, Float32Array.from(js.gLogits));
    const largest = Math.max(...Array.from(two.gInput, Math.abs));
    for (let i = 0; i < two.gInput.length; i++) expect(Math.abs(one.gInput[i] - two.gInput[i])).toBeLessThan(1e-5 * largest);
    for (let i = 0; i < js.parts.length; i++) expect(one.parts[i]).toBeCloseTo(js.parts[i], 5);
    for (let i = 0; i < logits.length; i++) expect(one.logits[i]).toBeCloseTo(logits[i], 6);
  });
});
