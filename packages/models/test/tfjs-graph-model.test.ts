import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Classifier } from '@saliency-bench/core';
import { loadTfjsClassifier } from '../src/tfjs/load-tfjs-classifier.js';
import { tfjsPlugin } from '../src/tfjs/tfjs-plugin.js';

// A hand-written graph model: logits = mean over pixels of x (NHWC, 2x2x3) times W (3x2).
const W = [1, 2, -1, 0.5, 3, -2];
const dim = (...sizes: number[]) => ({ dim: sizes.map((size) => ({ size: String(size) })) });
const modelJson = {
  format: 'graph-model',
  generatedBy: 'hand',
  convertedBy: 'hand',
  modelTopology: {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dim(-1, 2, 2, 3) } } },
      { name: 'axes', op: 'Const', attr: { value: { tensor: { dtype: 'DT_INT32', tensorShape: dim(2) } }, dtype: { type: 'DT_INT32' } } },
      { name: 'pooled', op: 'Mean', input: ['x', 'axes'], attr: { keep_dims: { b: false }, T: { type: 'DT_FLOAT' }, Tidx: { type: 'DT_INT32' } } },
      { name: 'w', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dim(3, 2) } }, dtype: { type: 'DT_FLOAT' } } },
      { name: 'logits', op: 'MatMul', input: ['pooled', 'w'], attr: { transpose_a: { b: false }, transpose_b: { b: false }, T: { type: 'DT_FLOAT' } } },
    ],
    library: {},
    versions: { producer: 1 },
  },
  weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'axes', shape: [2], dtype: 'int32' }, { name: 'w', shape: [3, 2], dtype: 'float32' }] }],
};

let dir: string;
let model: Classifier;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tfjs-graph-'));
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  const weights = new Uint8Array(8 + 24);
  new Int32Array(weights.buffer, 0, 2).set([1, 2]);
  new Float32Array(weights.buffer, 8, 6).set(W);
  await writeFile(join(dir, 'weights.bin'), weights);
  await writeFile(join(dir, 'classes.txt'), 'first\nsecond\n');
  model = await loadTfjsClassifier({ model: join(dir, 'model.json'), backend: 'cpu', mean: [0, 0, 0], std: [1, 1, 1] });
});

afterAll(async () => {
  await model?.dispose();
  await rm(dir, { recursive: true, force: true });
});

// Image n = 0: channel c is constant c + 1, so the pooled vector is [1, 2, 3].
const x = Float32Array.from({ length: 12 }, (_, i) => Math.floor(i / 4) + 1);

describe('a TensorFlow.js graph model', () => {
  it('loads with its input size and the classes.txt beside it', () => {
    expect(model.info.inputShape).toEqual([3, 2, 2]);
    expect(model.info.classes).toEqual(['first', 'second']);
  });

  it('computes the logits by hand: [1, 2, 3] W = [1 - 2 + 9, 2 + 1 - 6]', async () => {
    expect(Array.from(await model.forward(x, 1))).toEqual([8, -3]);
  });

  it('gives the input gradient W g / 4 at every pixel', async () => {
    const { gInput } = await model.vjp(x, 1, Float32Array.from([1, 2]));
    // Channel c: (W[c,0] * 1 + W[c,1] * 2) / 4 = [5, 0, -1] / 4.
    expect(Array.from(gInput)).toEqual([...Array(4).fill(1.25), ...Array(4).fill(0), ...Array(4).fill(-0.25)]);
  });

  it('loads through the tfjs plugin with a path relative to the spec directory', async () => {
    const plugin = await tfjsPlugin.create({ model: 'model.json', backend: 'cpu', mean: [0, 0, 0], std: [1, 1, 1] }, {
      baseDir: dir, datasetClasses: ['x', 'y'], execution: { batchSize: 4, threads: 1, provider: 'cpu' },
    });
    expect(Array.from(await plugin.forward(x, 1))).toEqual([8, -3]);
    expect(plugin.info.classes).toEqual(['first', 'second']);
    await plugin.dispose();
  });
});
