import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { pairedBootstrap } from '../src/stats/paired-bootstrap.js';

describe('paired bootstrap', () => {
  it('gives the binomial quantiles when the differences are five 0s and five 1s', () => {
    // The resampled mean is Binomial(10, 1/2) / 10: P(X <= 1) = 0.0107 and P(X <= 2) = 0.0547, so the
    // 2.5% quantile is 2/10 and the 97.5% quantile 8/10.
    const a = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const b = new Array(10).fill(0);
    const interval = pairedBootstrap(a, b, createRandom(777, 'test'), 20000);
    expect(interval.meanDifference).toBe(0.5);
    expect(interval.ciLow).toBeCloseTo(0.2, 12);
    expect(interval.ciHigh).toBeCloseTo(0.8, 12);
  });

  it('keeps pairs together: a small consistent difference on very different units excludes 0', () => {
    const random = createRandom('units');
    const base = Array.from({ length: 40 }, () => 10 * random.normal());
    const a = base.map((v, i) => v + 0.1 + 0.01 * Math.sin(i));
    const interval = pairedBootstrap(a, base, createRandom('resample'));
    expect(interval.meanDifference).toBeCloseTo(0.1 + base.reduce((s, _, i) => s + 0.01 * Math.sin(i), 0) / 40, 12);
    expect(interval.ciLow).toBeGreaterThan(0.09);
    expect(interval.ciHigh).toBeLessThan(0.11);
  });

  it('approaches mean +- 1.96 standard errors for many units, and is reproducible from its seed', () => {
    const random = createRandom('normal');
    const a = Array.from({ length: 900 }, () => random.normal());
    const b = new Array(900).fill(0);
    const interval = pairedBootstrap(a, b, createRandom('x'), 4000);
    const mean = a.reduce((s, v) => s + v, 0) / 900;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / 900);
    expect(interval.ciLow).toBeCloseTo(mean - 1.96 * sd / 30, 2);
    expect(interval.ciHigh).toBeCloseTo(mean + 1.96 * sd / 30, 2);
    expect(pairedBootstrap(a, b, createRandom('x'), 4000)).toEqual(interval);
  });
});
