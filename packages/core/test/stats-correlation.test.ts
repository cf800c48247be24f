import { describe, expect, it } from 'vitest';
import { averageRanks } from '../src/stats/ranks.js';
import { spearman } from '../src/stats/spearman.js';
import { holmAdjust } from '../src/stats/holm.js';
import { ssim } from '../src/stats/ssim.js';
import { minMaxNormalize } from '../src/image/normalize.js';

describe('Spearman rank correlation', () => {
  it('averages tied ranks', () => {
    expect([...averageRanks([3, 1, 4, 1, 5, 9])]).toEqual([3, 1.5, 4, 1.5, 5, 6]);
  });

  it('matches 1 - 6 sum(d^2) / (n (n^2 - 1)) without ties', () => {
    // ranks of y = 2, 1, 4, 3, 5: d = 1, -1, 1, -1, 0 -> sum d^2 = 4; 1 - 24/120 = 0.8
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 14);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 14);
  });

  it('uses the Pearson correlation of average ranks with ties (scipy.stats.spearmanr)', () => {
    // x ranks 1..6, y ranks 3, 1.5, 4, 1.5, 5, 6: by hand 8.5 / sqrt(17.5 * 17) = 0.666737
    expect(spearman([10, 20, 30, 40, 50, 60], [3, 1, 4, 1, 5, 9])).toBeCloseTo(0.6667366910003157, 12);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
  });

  it('is undefined for a constant input', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

describe('Holm correction', () => {
  it('multiplies the i-th smallest of m p-values by m - i + 1 and keeps them monotone', () => {
    // sorted 0.01, 0.02, 0.03, 0.04 -> 0.04, 0.06, 0.06 (monotone), 0.06
    const adjusted = holmAdjust([0.03, 0.01, 0.04, 0.02]);
    expect(adjusted[1]).toBeCloseTo(0.04, 14);
    expect(adjusted[3]).toBeCloseTo(0.06, 14);
    expect(adjusted[0]).toBeCloseTo(0.06, 14);
    expect(adjusted[2]).toBeCloseTo(0.06, 14);
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
  });
});

describe('SSIM of min-max normalised maps', () => {
  const size = { height: 16, width: 13 };
  const grid = (f: (x: number, y: number) => number) => Float64Array.from({ length: 16 * 13 }, (_, i) => f(i % 13, Math.floor(i / 13)));

  it('is 1 for identical maps and for maps equal up to a positive affine change after normalisation', () => {
    const a = grid((x, y) => ((x * y) % 7) / 6);
    expect(ssim(a, a, size.height, size.width)).toBeCloseTo(1, 12);
    const b = a.map((v) => 3 * v + 1);
    expect(ssim(minMaxNormalize(Float32Array.from(a)), minMaxNormalize(Float32Array.from(b)), size.height, size.width)).toBeCloseTo(1, 12);
  });

  it('reduces to (2 a b + C1) / (a^2 + b^2 + C1) for constant maps', () => {
    const value = ssim(grid(() => 0.2), grid(() => 0.6), size.height, size.width);
    expect(value).toBeCloseTo((2 * 0.2 * 0.6 + 1e-4) / (0.04 + 0.36 + 1e-4), 12);
  });

  it('matches a NumPy implementation of the reference (valid 11x11 Gaussian window, sigma 1.5)', () => {
    const a = grid((x, y) => ((x * y) % 7) / 6);
    const b = grid((x, y) => ((x + 2 * y) % 5) / 4);
    expect(ssim(a, b, size.height, size.width)).toBeCloseTo(-0.002076236429776381, 10);
    expect(ssim(a, a.map((v) => 0.5 * v + 0.25), size.height, size.width)).toBeCloseTo(0.7923682765019494, 10);
  });

  it('refuses maps smaller than the window', () => {
    expect(() => ssim(new Float64Array(100), new Float64Array(100), 10, 10)).toThrow(/smaller than the 11x11 window/);
  });
});
