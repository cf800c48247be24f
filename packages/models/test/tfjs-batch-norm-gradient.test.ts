import { describe, it, expect, beforeAll } from 'vitest';
import type * as Tf from '@tensorflow/tfjs-core';
import { createRandom } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';

let tf: typeof Tf;
beforeAll(async () => {
  ({ tf } = await loadTfjs('wasm'));
});

const values = (seed: string, size: number, lo = -1, hi = 1) => {
  const random = createRandom('bn-grad', seed);
  return Float32Array.from({ length: size }, () => lo + (hi - lo) * random.uniform());
};

describe('the FusedBatchNorm gradient without tile', () => {
  it('equals the gradient of batch norm written as elementwise ops, for every input', () => {
    const shape: [number, number, number, number] = [2, 5, 4, 3];
    const size = 2 * 5 * 4 * 3;
    const x = tf.tensor4d(values('x', size), shape);
    const mean = tf.tensor1d(values('m', 3));
    const variance = tf.tensor1d(values('v', 3, 0.2, 2));
    const offset = tf.tensor1d(values('o', 3));
    const scale = tf.tensor1d(values('s', 3, 0.5, 1.5));
    const g = tf.tensor4d(values('g', size), shape);
    const eps = 1e-3;
    type Args = [Tf.Tensor, Tf.Tensor, Tf.Tensor, Tf.Tensor, Tf.Tensor];
    const fused = (...[a, m, v, o, s]: Args) => tf.sum(tf.mul(tf.batchNorm(a, m, v, o, s, eps), g));
    const plain = (...[a, m, v, o, s]: Args) => tf.sum(tf.mul(tf.add(tf.mul(tf.mul(tf.sub(a, m), tf.rsqrt(tf.add(v, eps))), s), o), g));
    const inputs = [x, mean, variance, offset, scale];
    const a = tf.grads(fused as (...t: Tf.Tensor[]) => Tf.Tensor)(inputs);
    const b = tf.grads(plain as (...t: Tf.Tensor[]) => Tf.Tensor)(inputs);
    a.forEach((grad, i) => {
      expect(grad.shape).toEqual(inputs[i].shape);
      const got = grad.dataSync();
      const want = b[i].dataSync();
      for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k], 5);
    });
    tf.dispose([...inputs, g, ...a, ...b]);
  });
});
