import { createRandom, Resampler } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { Adam } from '../src/math/adam.js';
import { gaussianFilter, gaussianFilterAdjoint, gaussianTaps } from '../src/math/gaussian-filter.js';
import { SgdMomentum } from '../src/math/sgd-momentum.js';
import { totalVariationIsotropic, totalVariationMean } from '../src/math/total-variation.js';
import { areaRegulariser } from '../src/ep/area-regulariser.js';
import { centralDifference, interiorMask, probeIndices } from './helpers/finite-differences.js';

const random = createRandom('mask-maths');
const vector = (n: number) => Float64Array.from({ length: n }, () => random.normal());
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('mask resampling', () => {
  for (const mode of ['bilinear', 'bilinear-align-corners', 'nearest'] as const) {
    it(`has an exact adjoint in ${mode} mode (<Ax, y> = <x, A^T y>), up and down`, () => {
      for (const [inH, inW, outH, outW] of [[5, 7, 16, 13], [12, 12, 7, 9]]) {
        const resampler = new Resampler(inH, inW, outH, outW, mode);
        const x = vector(inH * inW);
        const y = vector(outH * outW);
        expect(dot(resampler.forward(x), y)).toBeCloseTo(dot(x, resampler.adjoint(y)), 10);
      }
    });
  }

  it('upsamples 2 -> 4 bilinearly like OpenCV (align_corners false)', () => {
    const up = new Resampler(1, 2, 1, 4, 'bilinear').forward(Float64Array.from([0, 1]));
    expect(Array.from(up)).toEqual([0, 0.25, 0.75, 1]);
  });

  it('upsamples 2 -> 4 with aligned corners like nn.UpsamplingBilinear2d', () => {
    const up = new Resampler(1, 2, 1, 4, 'bilinear-align-corners').forward(Float64Array.from([0, 3]));
    expect(Array.from(up)).toEqual([0, 1, 2, 3]);
  });
});

describe('Gaussian filter', () => {
  it("uses TorchRay's kernel: ceil(4 sigma) taps each side, summing to 1", () => {
    const taps = gaussianTaps(1);
    expect(taps).toHaveLength(9);
    expect(taps.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(taps[4] / taps[5]).toBeCloseTo(Math.exp(0.5), 12);
  });

  for (const padding of ['zero', 'replicate'] as const) {
    it(`has an exact adjoint with ${padding} padding`, () => {
      const x = vector(2 * 6 * 9);
      const y = vector(2 * 6 * 9);
      const ax = gaussianFilter(x, 2, 6, 9, 1.3, padding);
      const aty = gaussianFilterAdjoint(y, 2, 6, 9, 1.3, padding);
      expect(dot(ax, y)).toBeCloseTo(dot(x, aty), 10);
    });
  }

  it('keeps a constant image constant with replicate padding and darkens its border with zero padding', () => {
    const ones = new Float64Array(8 * 8).fill(1);
    expect(Math.max(...Array.from(gaussianFilter(ones, 1, 8, 8, 1, 'replicate'), (v) => Math.abs(v - 1)))).toBeLessThan(1e-12);
    const zero = gaussianFilter(ones, 1, 8, 8, 1, 'zero');
    expect(zero[0]).toBeLessThan(0.5);
    expect(zero[4 * 8 + 4]).toBeGreaterThan(0.99);
  });
});

describe('total variation', () => {
  it('computes the anisotropic mean TV of a 2x2 mask by hand', () => {
    const mask = Float64Array.from([0, 1, 0.5, 0.25]);
    // rows: (0.5-0)^2, (0.25-1)^2 over 2; cols: (1-0)^2, (0.25-0.5)^2 over 2.
    const expected = (0.25 + 0.5625) / 2 + (1 + 0.0625) / 2;
    expect(totalVariationMean(mask, 2, 2, 2, 1, new Float64Array(4))).toBeCloseTo(expected, 12);
  });

  it('computes the isotropic summed TV of a 2x2 mask by hand', () => {
    const mask = Float64Array.from([0, 1, 0.5, 0.25]);
    const expected = Math.hypot(0.5, 1) ** 3 + 0.75 ** 3 + 0.25 ** 3;
    expect(totalVariationIsotropic(mask, 2, 2, 3, 1, new Float64Array(4))).toBeCloseTo(expected, 12);
  });

  for (const [name, tv, beta] of [['mean', totalVariationMean, 2], ['mean', totalVariationMean, 3], ['isotropic', totalVariationIsotropic, 3]] as const) {
    it(`has the finite-difference gradient (${name}, beta ${beta})`, async () => {
      const mask = interiorMask(5 * 6, 9);
      const grad = new Float64Array(30);
      tv(mask, 5, 6, beta, 2, grad);
      for (const i of probeIndices(30, 7)) {
        const numeric = await centralDifference(async (m) => 2 * tv(m, 5, 6, beta, 1, new Float64Array(30)), mask, i);
        expect(grad[i]).toBeCloseTo(numeric, 7);
      }
    });
  }
});

describe('optimisers', () => {
  it('takes Adam steps of exactly lr in the first step and follows the bias-corrected rule after', () => {
    const params = Float64Array.from([0.5, 0.5]);
    const adam = new Adam(2, 0.1);
    adam.step(params, [2, -3]);
    expect(params[0]).toBeCloseTo(0.4, 7);
    expect(params[1]).toBeCloseTo(0.6, 7);
    adam.step(params, [1, -3]);
    // m = 0.9*0.2 + 0.1*1 = 0.28 -> m_hat = 0.28/0.19; v = 0.999*0.004 + 0.001 = 0.004996 -> v_hat = v/0.001999.
    const mHat = 0.28 / 0.19;
    const vHat = 0.004996 / (1 - 0.999 ** 2);
    // (0.4 carries the first step's eps term, ~5e-10.)
    expect(params[0]).toBeCloseTo(0.4 - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8), 8);
  });

  it('uses the raw gradient as the first SGD momentum buffer, then dampens', () => {
    const params = Float64Array.from([1]);
    const sgd = new SgdMomentum(1, 0.01, 0.9, 0.9);
    sgd.step(params, [2]);
    expect(params[0]).toBeCloseTo(1 - 0.02, 12);
    sgd.step(params, [2]);
    // buf = 0.9 * 2 + 0.1 * 2 = 2
    expect(params[0]).toBeCloseTo(1 - 0.04, 12);
  });
});

describe('area regulariser', () => {
  it('is zero for a binary mask of exactly the target area', () => {
    const mask = Float64Array.from({ length: 10 }, (_, i) => (i < 3 ? 1 : 0));
    expect(areaRegulariser(mask, 0.3, 1, new Float64Array(10))).toBeCloseTo(0, 12);
  });

  it('has the finite-difference gradient away from ties', async () => {
    const mask = interiorMask(20, 11);
    const grad = new Float64Array(20);
    areaRegulariser(mask, 0.25, 3, grad);
    for (const i of probeIndices(20, 6)) {
      const numeric = await centralDifference(async (m) => 3 * areaRegulariser(m, 0.25, 1, new Float64Array(20)), mask, i);
      expect(grad[i]).toBeCloseTo(numeric, 7);
    }
  });

  it('gives tied entries their stable-sort ranks (lower index first)', () => {
    // n = 5, area 0.4: the 3 lowest ranks target 0. Sorted: 0.2 (index 4), then the 0.5s in index
    // order 0, 2, 3; so indices 4, 0, 2 target 0 and 3, 1 target 1.
    const mask = Float64Array.from([0.5, 0.9, 0.5, 0.5, 0.2]);
    const grad = new Float64Array(5);
    const value = areaRegulariser(mask, 0.4, 1, grad);
    const targets = [0, 1, 0, 1, 0];
    expect(value).toBeCloseTo(-(0.2 ** 2 + 0.5 ** 2 + 0.5 ** 2 + 0.5 ** 2 + 0.1 ** 2) / 5, 14);
    targets.forEach((target, i) => expect(grad[i]).toBeCloseTo((-2 * (mask[i] - target)) / 5, 14));
  });
});
