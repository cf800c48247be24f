import { describe, it, expect } from 'vitest';
import type * as Tf from '@tensorflow/tfjs-core';
import { createRandom } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';
import { createBackbone } from '../src/backbone/create-backbone.js';
import { GradientWorkers, sliceRows } from '../src/training/gradient-workers.js';
import { sliceGradients } from '../src/training/training-loss.js';
import { normalise } from '../src/training/evaluate-cache.js';

describe('sliceRows', () => {
  it('splits rows into near-equal contiguous slices, larger ones first', () => {
    expect(sliceRows(32, 2)).toEqual([[0, 16], [16, 32]]);
    expect(sliceRows(7, 3)).toEqual([[0, 3], [3, 5], [5, 7]]);
    expect(sliceRows(5, 1)).toEqual([[0, 5]]);
    // Fewer rows than parts: no empty slices.
    expect(sliceRows(1, 2)).toEqual([[0, 1]]);
  });
});

describe('GradientWorkers', () => {
  it('computes on a worker thread the same loss and gradients the main thread does', async () => {
    const runtime = await loadTfjs('wasm');
    const { tf } = runtime;
    const S = 16;
    const K = 3;
    const model = createBackbone(runtime, { classes: K, inputSize: S, channels: [4, 6, 8], seed: 2 });
    const random = createRandom('gradient-workers');
    const rows = 5;
    const images = random.fillNormal(new Float32Array(rows * S * S * 3));
    const labels = Float32Array.from({ length: rows * K }, () => (random.uniform() < 0.5 ? 1 : 0));
    const variables = model.trainableWeights.map((w) => w.read() as Tf.Variable);
    // Weights other than the model's own, to check the worker really takes the ones it is sent.
    const weights = variables.map((v) => random.fillNormal(new Float32Array(v.size), 0, 0.2));
    variables.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape)));
    // The worker normalises (x - mean) / std itself.
    const [mean, std] = [[0.5, 0.4, 0.3], [0.25, 0.5, 1]];
    const local = tf.tidy(() => sliceGradients(tf, model, normalise(tf, tf.tensor4d(images, [rows, S, S, 3]), mean, std), tf.tensor2d(labels, [rows, K]), 1e-3));

    const workers = await GradientWorkers.start(1, { backend: 'wasm', topology: model.toJSON(null, false) as object, weightDecay: 1e-3, mean, std });
    try {
      const [remote] = await workers.gradients(weights, [{ images: images.slice(), labels, rows }]);
      expect(remote.loss).toBeCloseTo(local.value.dataSync()[0], 6);
      expect(remote.gradients).toHaveLength(variables.length);
      variables.forEach((v, i) => {
        const expected = local.grads[v.name].dataSync();
        const scale = Math.max(...expected.map(Math.abs));
        const error = Math.max(...remote.gradients[i].map((g, j) => Math.abs(g - expected[j])));
        expect(error).toBeLessThanOrEqual(1e-6 * scale);
      });
    } finally {
      await workers.close();
      tf.dispose([local.value, ...Object.values(local.grads)]);
      model.dispose();
    }
  });

  it('reports a worker failure as an error naming the worker', async () => {
    const topology = { class_name: 'Sequential', config: { name: 'broken', layers: [{ class_name: 'NoSuchLayer', config: {} }] } };
    const result = await GradientWorkers.start(1, { backend: 'wasm', topology, weightDecay: 0, mean: [0, 0, 0], std: [1, 1, 1] }).catch((error: Error) => error);
    if (result instanceof GradientWorkers) await result.close();
    // The replica cannot be built: the start itself fails with the worker's message.
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/^training worker: .*NoSuchLayer/);
  });
});
