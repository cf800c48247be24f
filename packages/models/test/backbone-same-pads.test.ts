import { describe, it, expect } from 'vitest';
import { createRandom } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';
import { samePads } from '../src/backbone/export-backbone-onnx.js';

describe('samePads (TensorFlow "same" padding as ONNX pads)', () => {
  it('matches hand-computed pads, the odd pixel at the end', () => {
    expect(samePads([96, 96], [3, 3], [2, 2])).toEqual([0, 0, 1, 1]);
    expect(samePads([95, 95], [3, 3], [2, 2])).toEqual([1, 1, 1, 1]);
    expect(samePads([20, 20], [3, 3], [1, 1])).toEqual([1, 1, 1, 1]);
    expect(samePads([7, 8], [3, 3], [2, 2])).toEqual([1, 0, 1, 1]);
    expect(samePads([7, 7], [5, 5], [3, 3])).toEqual([2, 2, 2, 2]);
    expect(samePads([4, 4], [1, 1], [2, 2])).toEqual([0, 0, 0, 0]);
  });

  it('reproduces tfjs "same" convolutions as explicit padding', async () => {
    const { tf } = await loadTfjs('cpu');
    for (const [h, w, k, s] of [[9, 8, 3, 2], [12, 7, 5, 3], [6, 6, 3, 1]]) {
      const random = createRandom('same-pads', h, w, k, s);
      const x = tf.tensor4d(random.fillNormal(new Float32Array(h * w * 2)), [1, h, w, 2]);
      const f = tf.tensor4d(random.fillNormal(new Float32Array(k * k * 2 * 3)), [k, k, 2, 3]);
      const [top, left, bottom, right] = samePads([h, w], [k, k], [s, s]);
      const same = tf.conv2d(x, f, s, 'same');
      const explicit = tf.conv2d(x, f, s, [[0, 0], [top, bottom], [left, right], [0, 0]]);
      expect(explicit.shape).toEqual(same.shape);
      const difference = tf.max(tf.abs(tf.sub(same, explicit))).dataSync()[0];
      expect(difference).toBeLessThan(1e-6);
      tf.dispose([x, f, same, explicit]);
    }
  });
});
