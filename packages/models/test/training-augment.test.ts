import { describe, it, expect, beforeAll } from 'vitest';
import type * as Tf from '@tensorflow/tfjs-core';
import type { Random } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';
import { augmentBatch } from '../src/training/augment.js';

let tf: typeof Tf;
beforeAll(async () => {
  ({ tf } = await loadTfjs('wasm'));
});

/** A Random that replays fixed uniforms, so the expected crop is known. */
const replay = (values: number[]): Random => {
  let i = 0;
  return { uniform: () => values[i++ % values.length], normal: () => 0, fillNormal: (out) => out };
};

const image = (h: number, w: number) => Float32Array.from({ length: h * w * 3 }, (_, i) => i);

describe('training augmentation', () => {
  it('mirrors an image exactly when the flip is drawn', () => {
    const x = tf.tensor4d(image(5, 6), [1, 5, 6, 3]);
    // No translation; the third uniform (< 0.5) asks for a flip.
    const out = augmentBatch(tf, x, { flip: true, translate: 0 }, replay([0, 0, 0.1]));
    const expected = tf.reverse(x, 2);
    expect(Array.from(out.dataSync())).toEqual(Array.from(expected.dataSync()).map((v) => expect.closeTo(v, 3)));
    tf.dispose([x, out, expected]);
  });

  it('shifts by whole pixels, copying values instead of interpolating them', () => {
    const h = 6;
    const w = 7;
    const x = tf.tensor4d(image(h, w), [1, h, w, 3]);
    // translate 2: offsets are floor(u * 5) - 2 relative to the original, here dy = 4 - 2, dx = 0 - 2.
    const out = augmentBatch(tf, x, { flip: false, translate: 2 }, replay([0.9, 0.1]));
    const o = out.arraySync()[0];
    const xs = x.arraySync()[0];
    // Output row r, column c shows padded pixel (r + 4, c + 0), i.e. original (r + 2, c - 2) reflected.
    expect(o[0][2]).toEqual(xs[2][0].map((v) => expect.closeTo(v, 3)));
    expect(o[3][6]).toEqual(xs[5][4].map((v) => expect.closeTo(v, 3)));
    expect(o[0][0]).toEqual(xs[2][2].map((v) => expect.closeTo(v, 3)));
    tf.dispose([x, out]);
  });

  it('keeps shapes and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(new Float32Array(4 * 8 * 8 * 3).fill(1), [4, 8, 8, 3]);
    const out = augmentBatch(tf, x, { flip: true, translate: 3 }, replay([0.3, 0.7, 0.2, 0.9]));
    expect(out.shape).toEqual([4, 8, 8, 3]);
    expect(Math.min(...out.dataSync())).toBeCloseTo(1, 5);
    tf.dispose([x, out]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
