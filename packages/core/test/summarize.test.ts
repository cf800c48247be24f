import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';
import { meanOfValues, quantile, summarize } from '../src/results/summarize.js';
import type { MetricRecord } from '../src/types.js';

const done = (key: string, value: number): MetricRecord => ({ state: 'done', key, sampleId: key, classIndex: 0, value });

describe('summarize', () => {
  it('computes n, mean and the sample standard deviation by hand, and counts skipped and failed', () => {
    const records: MetricRecord[] = [
      done('a', 1), done('b', 2), done('c', 3), done('d', 6),
      { state: 'skipped', key: 'e', sampleId: 'e', classIndex: 0, reason: 'difficult' },
      { state: 'failed', key: 'f', sampleId: 'f', classIndex: 0, reason: 'NaN' },
    ];
    const summary = summarize(records, meanOfValues, createRandom('t'));
    expect(summary.n).toBe(4);
    expect(summary.mean).toBe(3);
    // deviations -2, -1, 0, 3 -> squares 4 + 1 + 0 + 9 = 14; 14 / 3
    expect(summary.std).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(summary.skipped).toBe(1);
    expect(summary.failed).toBe(1);
    expect(summary.ciLow).toBeGreaterThanOrEqual(1);
    expect(summary.ciHigh).toBeLessThanOrEqual(6);
    expect(summary.ciLow).toBeLessThan(summary.mean);
    expect(summary.ciHigh).toBeGreaterThan(summary.mean);
  });

  it('gives the same interval for the same seed and a different one for another seed', () => {
    const records = Array.from({ length: 50 }, (_, i) => done(`k${i}`, (i * 37) % 11));
    const a = summarize(records, meanOfValues, createRandom(1, 'bootstrap'));
    const b = summarize(records, meanOfValues, createRandom(1, 'bootstrap'));
    const c = summarize(records, meanOfValues, createRandom(2, 'bootstrap'));
    expect([a.ciLow, a.ciHigh]).toEqual([b.ciLow, b.ciHigh]);
    expect([a.ciLow, a.ciHigh]).not.toEqual([c.ciLow, c.ciHigh]);
  });

  it('covers the mean of a known distribution with a bootstrap interval about 2 standard errors wide', () => {
    const random = createRandom('normal data');
    const records = Array.from({ length: 400 }, (_, i) => done(`k${i}`, random.normal()));
    const summary = summarize(records, meanOfValues, createRandom('ci'));
    const standardError = summary.std / Math.sqrt(400);
    expect((summary.ciHigh - summary.ciLow) / (2 * 1.96 * standardError)).toBeGreaterThan(0.85);
    expect((summary.ciHigh - summary.ciLow) / (2 * 1.96 * standardError)).toBeLessThan(1.15);
  });

  it('reports NaN statistics when nothing finished', () => {
    const summary = summarize([{ state: 'failed', key: 'x', sampleId: 'x', classIndex: 0, reason: 'r' }], meanOfValues, createRandom('e'));
    expect(summary.n).toBe(0);
    expect(summary.mean).toBeNaN();
    expect(summary.failed).toBe(1);
  });
});

describe('quantile', () => {
  it('interpolates between order statistics like numpy', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 10]);
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(10);
    expect(quantile(sorted, 0.5)).toBe(3);
    expect(quantile(sorted, 0.9)).toBeCloseTo(4 + 0.6 * 6, 12); // position 3.6
  });
});
