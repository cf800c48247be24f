import { describe, it, expect, beforeAll } from 'vitest';
import type * as Tf from '@tensorflow/tfjs-core';
import { createRandom, type Random } from '@saliency-bench/core';
import { loadTfjs } from '../src/tfjs/tfjs-runtime.js';
import { augmentBatch } from '../src/training/augment.js';

let tf: typeof Tf;
beforeAll(async () => {
  ({ tf } = await loadTfjs('cpu'));
});

/** A Random that replays fixed uniforms, so the expected crop is known. */
const replay = (values: number[]): Random => {
  let i = 0;
  return { uniform: () => values[i++ % values.length], normal: () => 0, fillNormal: (out) => out };
};

const image = (n: number, h: number, w: number) => Float32Array.from({ length: n * h * w * 3 }, (_, i) => i);
/** Pixel (y, x) of image i as its three channel values. */
const pixel = (a: Float32Array, h: number, w: number, i: number, y: number, x: number) => Array.from(a.subarray(((i * h + y) * w + x) * 3, ((i * h + y) * w + x) * 3 + 3));

describe('training augmentation', () => {
  it('mirrors an image exactly when the flip is drawn', () => {
    const x = image(1, 5, 6);
    // No translation; the third uniform (< 0.5) asks for a flip.
    const out = augmentBatch(x, 1, 5, 6, { flip: true, translate: 0 }, replay([0, 0, 0.1]));
    for (let y = 0; y < 5; y++) for (let c = 0; c < 6; c++) expect(pixel(out, 5, 6, 0, y, c)).toEqual(pixel(x, 5, 6, 0, y, 5 - c));
  });

  it('shifts by whole pixels, copying values instead of interpolating them', () => {
    const h = 6;
    const w = 7;
    const x = image(1, h, w);
    // translate 2: offsets are floor(u * 5) - 2 relative to the original, here dy = 4 - 2, dx = 0 - 2.
    const out = augmentBatch(x, 1, h, w, { flip: false, translate: 2 }, replay([0.9, 0.1]));
    // Output row r, column c shows padded pixel (r + 4, c + 0), i.e. original (r + 2, c - 2) reflected.
    expect(pixel(out, h, w, 0, 0, 2)).toEqual(pixel(x, h, w, 0, 2, 0));
    expect(pixel(out, h, w, 0, 3, 6)).toEqual(pixel(x, h, w, 0, 5, 4));
    expect(pixel(out, h, w, 0, 0, 0)).toEqual(pixel(x, h, w, 0, 2, 2));
    // Row 4 + 2 = 6 lies past the last row: reflected to row 4.
    expect(pixel(out, h, w, 0, 4, 2)).toEqual(pixel(x, h, w, 0, 4, 0));
  });

  it('equals tfjs mirrorPad + slice + reverse for every image of a batch', () => {
    const [n, h, w, t] = [5, 9, 8, 3];
    const x = createRandom('augment-test').fillNormal(new Float32Array(n * h * w * 3));
    const draws = createRandom('augment-draws');
    const uniforms = Array.from({ length: 3 * n }, () => draws.uniform());
    const out = augmentBatch(x, n, h, w, { flip: true, translate: t }, replay(uniforms));
    const expected = tf.tidy(() => {
      const padded = tf.mirrorPad(tf.tensor4d(x, [n, h, w, 3]), [[0, 0], [t, t], [t, t], [0, 0]], 'reflect');
      const crops = Array.from({ length: n }, (_, i) => {
        const [dy, dx] = [Math.floor(uniforms[3 * i] * (2 * t + 1)), Math.floor(uniforms[3 * i + 1] * (2 * t + 1))];
        const crop = tf.slice(padded, [i, dy, dx, 0], [1, h, w, 3]);
        return uniforms[3 * i + 2] < 0.5 ? tf.reverse(crop, 2) : crop;
      });
      return tf.concat(crops, 0).dataSync();
    });
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('returns a copy when nothing is to be done', () => {
    const x = image(2, 4, 4);
    const out = augmentBatch(x, 2, 4, 4, { flip: false, translate: 0 }, replay([0.5]));
    expect(out).not.toBe(x);
    expect(Array.from(out)).toEqual(Array.from(x));
  });
});
