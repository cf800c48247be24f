import { describe, it, expect, beforeAll } from 'vitest';
import type * as Tf from '@tensorflow/tfjs-core';
import { createRandom } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';

type Pad = 'same' | 'valid';
interface Case { n: number; h: number; w: number; ci: number; co: number; k: number; stride: number; pad: Pad }

const cases: Case[] = [
  { n: 2, h: 9, w: 7, ci: 3, co: 4, k: 3, stride: 1, pad: 'same' },
  { n: 3, h: 8, w: 8, ci: 5, co: 2, k: 3, stride: 1, pad: 'valid' },
  { n: 2, h: 11, w: 10, ci: 4, co: 6, k: 3, stride: 2, pad: 'same' },
  { n: 1, h: 12, w: 9, ci: 2, co: 3, k: 5, stride: 3, pad: 'valid' },
  { n: 2, h: 6, w: 6, ci: 3, co: 3, k: 1, stride: 1, pad: 'same' },
];

let tf: typeof Tf;
beforeAll(async () => {
  ({ tf } = await loadTfjs('wasm'));
  await import('@tensorflow/tfjs-backend-cpu');
});

function values(seed: string, size: number): Float32Array {
  return createRandom('conv-grad-test', seed).fillNormal(new Float32Array(size));
}

/** Filter and input gradients of sum(g * conv2d(x, W)) on one backend. */
async function gradients(backend: string, c: Case) {
  await tf.setBackend(backend);
  const x = values('x', c.n * c.h * c.w * c.ci);
  const W = values('w', c.k * c.k * c.ci * c.co);
  const shapeOut = tf.tidy(() => tf.conv2d(tf.zeros([c.n, c.h, c.w, c.ci]) as Tf.Tensor4D, tf.zeros([c.k, c.k, c.ci, c.co]) as Tf.Tensor4D, c.stride, c.pad).shape);
  const g = values('g', shapeOut.reduce((a, b) => a * b, 1));
  const [dx, dw] = tf.tidy(() => {
    const f = (xs: Tf.Tensor4D, ws: Tf.Tensor4D) => tf.sum(tf.mul(tf.conv2d(xs, ws, c.stride, c.pad), tf.tensor(g, shapeOut)));
    return tf.grads(f as (...args: Tf.Tensor[]) => Tf.Tensor)([tf.tensor4d(x, [c.n, c.h, c.w, c.ci]), tf.tensor4d(W, [c.k, c.k, c.ci, c.co])]);
  });
  const result = { dx: dx.dataSync<'float32'>().slice(), dw: dw.dataSync<'float32'>().slice() };
  tf.dispose([dx, dw]);
  return result;
}

function maxRelativeError(a: Float32Array, b: Float32Array): number {
  let scale = 0;
  let error = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    error = Math.max(error, Math.abs(a[i] - b[i]));
  }
  return error / scale;
}

describe('conv2d gradients on the wasm backend', () => {
  it.each(cases)('match the cpu backend for %o', async (c) => {
    const cpu = await gradients('cpu', c);
    const wasm = await gradients('wasm', c);
    expect(wasm.dw.length).toBe(c.k * c.k * c.ci * c.co);
    expect(maxRelativeError(wasm.dw, cpu.dw)).toBeLessThan(1e-5);
    expect(maxRelativeError(wasm.dx, cpu.dx)).toBeLessThan(1e-5);
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    await gradients('wasm', cases[0]);
    await gradients('wasm', cases[2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains through a fused conv2d + relu layer, the way tfjs-layers calls it', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(values('fx', 2 * 6 * 6 * 3), [2, 6, 6, 3]);
    const w = tf.variable(tf.tensor4d(values('fw', 3 * 3 * 3 * 4), [3, 3, 3, 4]));
    const { grads } = tf.variableGrads(() => tf.sum(tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', activation: 'relu' })) as Tf.Scalar, [w]);
    const wasmGrad = grads[w.name].dataSync<'float32'>().slice();
    await tf.setBackend('cpu');
    const xc = tf.tensor4d(values('fx', 2 * 6 * 6 * 3), [2, 6, 6, 3]);
    const cpuGrad = tf.tidy(() => tf.grad((v: Tf.Tensor) => tf.sum(tf.relu(tf.conv2d(xc, v as Tf.Tensor4D, 1, 'same'))))(tf.tensor4d(values('fw', 3 * 3 * 3 * 4), [3, 3, 3, 4]))).dataSync<'float32'>().slice();
    expect(maxRelativeError(wasmGrad, cpuGrad)).toBeLessThan(1e-5);
    tf.dispose([x, w, xc, grads[w.name]]);
    await tf.setBackend('wasm');
  });
});
