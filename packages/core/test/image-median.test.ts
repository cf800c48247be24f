import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { medianBlur } from '../src/image/index.js';

/** Gather the k x k window with replicated borders, sort, take the middle: the naive reference. */
function naiveMedian(src: Float32Array, h: number, w: number, k: number): Float32Array {
  const r = (k - 1) / 2;
  const clamp = (i: number, n: number) => Math.min(Math.max(i, 0), n - 1);
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const values: number[] = [];
      for (let i = -r; i <= r; i++) for (let j = -r; j <= r; j++) values.push(src[clamp(y + i, h) * w + clamp(x + j, w)]);
      values.sort((a, b) => a - b);
      out[y * w + x] = values[(values.length - 1) / 2];
    }
  }
  return out;
}

describe('medianBlur (OpenCV medianBlur, BORDER_REPLICATE)', () => {
  it('computes a 3x3 median by hand, replicating the border', () => {
    // [[1, 9, 2], [8, 3, 7], [4, 6, 5]]; top-left window = [1,1,9, 1,1,9, 8,8,3] -> sorted middle 3
    const src = Float32Array.from([1, 9, 2, 8, 3, 7, 4, 6, 5]);
    const out = medianBlur(src, 1, 3, 3, 3);
    expect(out[0]).toBe(3);
    expect(out[4]).toBe(5); // centre: median of 1..9
  });

  it('removes isolated salt noise from a flat image', () => {
    const src = new Float32Array(3 * 20 * 20).fill(0.5);
    for (const i of [0, 45, 210, 399, 400 + 77, 800 + 399]) src[i] = 1;
    const out = medianBlur(src, 3, 20, 20, 3);
    for (const v of out) expect(v).toBe(0.5);
  });

  it('matches the naive median on random and heavily tied images, kernels 5 and 11', () => {
    const random = createRandom('median-test');
    const h = 9;
    const w = 13;
    const smooth = new Float32Array(h * w).map(() => random.uniform());
    const tied = new Float32Array(h * w).map(() => Math.floor(random.uniform() * 4) / 4);
    for (const src of [smooth, tied]) {
      for (const k of [1, 5, 11]) expect(medianBlur(src, 1, h, w, k)).toEqual(naiveMedian(src, h, w, k));
    }
  });

  it('filters 3x300x300 with an 11x11 kernel in a fraction of a naive per-pixel sort (~0.4 s here)', () => {
    const random = createRandom('median-speed');
    const src = new Float32Array(3 * 300 * 300).map(() => random.uniform());
    const start = performance.now();
    medianBlur(src, 3, 300, 300, 11);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
