import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { convolveSeparable, gaussianBlur, gaussianKernel } from '../src/image/index.js';

/** Direct 2-D convolution in float64 with reflect-101 borders: an independent reference. */
function directBlur(src: Float32Array, h: number, w: number, k: number, sigma: number): Float64Array {
  const r = (k - 1) / 2;
  const g = (d: number) => Math.exp(-(d * d) / (2 * sigma * sigma));
  let norm = 0;
  for (let i = -r; i <= r; i++) for (let j = -r; j <= r; j++) norm += g(i) * g(j);
  const reflect = (i: number, n: number) => {
    while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
    return i;
  };
  const out = new Float64Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) {
        for (let j = -r; j <= r; j++) acc += g(i) * g(j) * src[reflect(y + i, h) * w + reflect(x + j, w)];
      }
      out[y * w + x] = acc / norm;
    }
  }
  return out;
}

describe('gaussianBlur (OpenCV GaussianBlur, BORDER_REFLECT_101)', () => {
  it('builds the kernel [0.27407, 0.45186, 0.27407] for size 3, sigma 1', () => {
    // exp(-1/2) = 0.60653; 0.60653 / 2.21306 = 0.27407; 1 / 2.21306 = 0.45186
    const kernel = Array.from(gaussianKernel(3, 1));
    expect(kernel[0]).toBeCloseTo(0.27407, 5);
    expect(kernel[1]).toBeCloseTo(0.45186, 5);
    expect(kernel[2]).toBeCloseTo(0.27407, 5);
  });

  it('reflects without repeating the edge: [1, 0, 0] blurs to [0.45186, 0.27407, 0]', () => {
    // x=0 reads [x(1)=0, 1, 0]; x=1 reads [1, 0, 0]; x=2 reads [0, 0, x(1)=0]
    const out = gaussianBlur(Float32Array.from([1, 0, 0]), 1, 1, 3, 3, 1);
    expect(out[0]).toBeCloseTo(0.45186, 5);
    expect(out[1]).toBeCloseTo(0.27407, 5);
    expect(out[2]).toBeCloseTo(0, 6);
  });

  it('keeps a constant image constant', () => {
    const out = gaussianBlur(new Float32Array(2 * 9 * 7).fill(0.3), 2, 9, 7, 11, 5);
    for (const v of out) expect(v).toBeCloseTo(0.3, 6);
  });

  it('preserves the sum of an interior impulse and spreads it as the outer product of kernels', () => {
    const src = new Float32Array(21 * 21);
    src[10 * 21 + 10] = 1;
    const out = gaussianBlur(src, 1, 21, 21, 11, 5);
    const kernel = gaussianKernel(11, 5);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(out[10 * 21 + 10]).toBeCloseTo(kernel[5] * kernel[5], 7);
    expect(out[7 * 21 + 14]).toBeCloseTo(kernel[2] * kernel[9], 7);
    expect(out[4 * 21 + 10]).toBe(0);
  });

  it('matches a direct 2-D convolution on a random image smaller than the kernel', () => {
    const random = createRandom('blur-test');
    const h = 6;
    const w = 9;
    const src = new Float32Array(h * w).map(() => random.uniform());
    const expected = directBlur(src, h, w, 11, 5);
    const out = gaussianBlur(src, 1, h, w, 11, 5);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i], 5);
  });

  it('rejects an even kernel size', () => {
    expect(() => gaussianBlur(new Float32Array(4), 1, 2, 2, 4, 1)).toThrow(/positive odd integer/);
  });
});

describe('convolveSeparable', () => {
  const quarter = [0.25, 0.5, 0.25];

  it('reflects the row [1, 2, 3] to [1.5, 2, 2.5]; zero padding gives [1, 2, 2] times the 0.5 of the lone row', () => {
    const row = Float32Array.from([1, 2, 3]);
    expect(Array.from(convolveSeparable(row, 1, 1, 3, quarter, 'reflect101'))).toEqual([1.5, 2, 2.5]);
    // Vertically the single row sees zeros above and below: only the kernel's centre 0.5 remains.
    expect(Array.from(convolveSeparable(row, 1, 1, 3, quarter, 'zero'))).toEqual([0.5, 1, 1]);
  });

  it('darkens the border of a constant image with zero padding: corners 0.75^2, edges 0.75, centre 1', () => {
    const out = convolveSeparable(new Float32Array(9).fill(1), 1, 3, 3, quarter, 'zero');
    expect(Array.from(out)).toEqual([0.5625, 0.75, 0.5625, 0.75, 1, 0.75, 0.5625, 0.75, 0.5625]);
  });
});
