import { describe, expect, it } from 'vitest';
import { createRandom, Resampler, resampleTaps, resizeBilinear } from '../src/index.js';

const random = createRandom('resampler');
const normals = (n: number) => Float64Array.from({ length: n }, () => random.normal());
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('resampleTaps', () => {
  it('maps pixel centres to pixel centres in bilinear mode, clamping at the borders (hand values)', () => {
    // 2 -> 4: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (no right neighbour: weight 0).
    const taps = resampleTaps(2, 4, 'bilinear');
    expect(Array.from(taps.lo)).toEqual([0, 0, 0, 1]);
    expect(Array.from(taps.hi)).toEqual([1, 1, 1, 1]);
    expect(Array.from(taps.weight)).toEqual([0, 0.25, 0.75, 0]);
  });

  it('maps corners to corners in bilinear-align-corners mode and floors in nearest mode (hand values)', () => {
    // 3 -> 5 aligned: sources 0, 0.5, 1, 1.5, 2; nearest 3 -> 5: floor(o * 3 / 5) = 0, 0, 1, 1, 2.
    expect(Array.from(resampleTaps(3, 5, 'bilinear-align-corners').weight)).toEqual([0, 0.5, 0, 0.5, 0]);
    expect(Array.from(resampleTaps(3, 5, 'bilinear-align-corners').lo)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(resampleTaps(3, 5, 'nearest').lo)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(resampleTaps(3, 5, 'nearest').weight)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('Resampler', () => {
  for (const mode of ['bilinear', 'bilinear-align-corners', 'nearest'] as const) {
    it(`has an exact adjoint in ${mode} mode: <A x, y> = <x, A^T y> on random data, up and down, per plane`, () => {
      for (const [inH, inW, outH, outW] of [[5, 7, 16, 13], [12, 12, 7, 9], [1, 6, 4, 1]]) {
        const resampler = new Resampler(inH, inW, outH, outW, mode);
        const x = normals(2 * inH * inW);
        const y = normals(2 * outH * outW);
        expect(dot(resampler.forward(x, 2), y)).toBeCloseTo(dot(x, resampler.adjoint(y, 2)), 12);
      }
    });
  }

  it('builds the 2 -> 4 bilinear matrix and its transpose (hand values)', () => {
    // A = [[1, 0], [0.75, 0.25], [0.25, 0.75], [0, 1]]; A^T [1, 2, 3, 4] = [1 + 1.5 + 0.75, 0.5 + 2.25 + 4].
    const resampler = new Resampler(1, 2, 1, 4);
    expect(Array.from(resampler.forward(Float64Array.from([4, 8])))).toEqual([4, 5, 7, 8]);
    expect(Array.from(resampler.adjoint(Float64Array.from([1, 2, 3, 4])))).toEqual([3.25, 6.75]);
  });

  it('sums each output gradient into the four source pixels it read, in 2D (hand values)', () => {
    // 2x2 -> 3x3: centre output (1, 1) reads all four sources at weight 1/2 * 1/2.
    const resampler = new Resampler(2, 2, 3, 3);
    const gOut = new Float64Array(9);
    gOut[4] = 1;
    expect(Array.from(resampler.adjoint(gOut))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(resampler.forward(Float64Array.from([0, 4, 8, 12]))[4]).toBe(6);
  });

  it('keeps the element type: float32 in, float32 out; float64 in, float64 out', () => {
    const resampler = new Resampler(3, 3, 5, 4);
    expect(resampler.forward(new Float32Array(9))).toBeInstanceOf(Float32Array);
    expect(resampler.adjoint(new Float64Array(20))).toBeInstanceOf(Float64Array);
  });

  it('is resizeBilinear at float32 precision, which rounds its weights and row pass to float32', () => {
    const image = Float32Array.from({ length: 3 * 13 * 11 }, () => random.uniform());
    const resized = resizeBilinear(image, 3, 13, 11, 7, 29);
    expect(new Resampler(13, 11, 7, 29, 'bilinear', 'float32').forward(image, 3)).toEqual(resized);
    // The float64 row pass rounds once, so it may differ from the float32 pipeline in the last bit only.
    const precise = new Resampler(13, 11, 7, 29).forward(image, 3);
    for (let i = 0; i < precise.length; i++) expect(Math.abs(precise[i] - resized[i])).toBeLessThanOrEqual(2 ** -23);
  });

  it('names the expected shape when the array length is wrong', () => {
    expect(() => new Resampler(2, 3, 4, 4).forward(new Float32Array(5))).toThrow(/1x2x3 = 6 values, got 5/);
    expect(() => new Resampler(2, 3, 4, 4).adjoint(new Float32Array(6), 2)).toThrow(/2x4x4 = 32 values, got 6/);
  });
});
