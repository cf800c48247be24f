import { describe, it, expect, beforeAll } from 'vitest';
import type * as Tf from '@tensorflow/tfjs-core';
import { createRandom } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';
import { spatialReduction } from '../src/tfjs/wasm-spatial-reductions.js';

let tf: typeof Tf;
beforeAll(async () => {
  ({ tf } = await loadTfjs('wasm'));
  await import('@tensorflow/tfjs-backend-cpu');
});

async function reduce(backend: string, op: 'sum' | 'mean', axis: number[], keepDims: boolean, shape: number[]) {
  await tf.setBackend(backend);
  const values = createRandom('spatial-reductions', shape.join('x')).fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0.3, 1);
  const result = tf.tidy(() => tf[op](tf.tensor(values, shape), axis, keepDims));
  const out = { shape: result.shape, values: result.dataSync().slice() };
  result.dispose();
  return out;
}

describe('wasm Sum and Mean over spatial axes', () => {
  it('recognises the reductions it takes over', () => {
    expect(spatialReduction([0, 1, 2], 4)).toBe('batch+spatial');
    expect(spatialReduction([2, 1, 0], 4)).toBe('batch+spatial');
    expect(spatialReduction([-3, -2], 4)).toBe('spatial');
    expect(spatialReduction([1, 2, 3], 4)).toBeUndefined();
    expect(spatialReduction([0, 1], 3)).toBeUndefined();
  });

  const cases: [('sum' | 'mean'), number[], boolean][] = [
    ['sum', [0, 1, 2], false], ['sum', [0, 1, 2], true], ['mean', [0, 1, 2], false], ['mean', [0, 1, 2], true],
    ['sum', [1, 2], false], ['mean', [1, 2], true], ['sum', [3], false], ['mean', [0], false],
  ];
  it.each(cases)('%s over %o (keepDims %s) matches the cpu backend', async (op, axis, keepDims) => {
    const shape = [3, 7, 5, 4];
    const cpu = await reduce('cpu', op, axis, keepDims, shape);
    const wasm = await reduce('wasm', op, axis, keepDims, shape);
    expect(wasm.shape).toEqual(cpu.shape);
    const scale = op === 'sum' ? shape.filter((_, i) => axis.includes(i)).reduce((a, b) => a * b, 1) : 1;
    wasm.values.forEach((v, i) => expect(Math.abs(v - cpu.values[i])).toBeLessThan(1e-5 * scale));
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    await reduce('wasm', 'sum', [0, 1, 2], false, [2, 4, 4, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
