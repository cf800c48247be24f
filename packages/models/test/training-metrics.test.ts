import { describe, it, expect } from 'vitest';
import { createRandom } from '@saliency-bench/core';
import { averagePrecision, meanAveragePrecision } from '../src/training/average-precision.js';
import { auroc, perClassAuroc } from '../src/training/auroc.js';

describe('average precision', () => {
  it('averages the precision at each positive rank (hand-computed: (1 + 2/3 + 3/5) / 3)', () => {
    expect(averagePrecision([0.9, 0.8, 0.7, 0.6, 0.5], [1, 0, 1, 0, 1])).toBeCloseTo(34 / 45, 12);
  });

  it('does not depend on the order the samples are listed in', () => {
    expect(averagePrecision([0.5, 0.7, 0.9, 0.6, 0.8], [1, 1, 1, 0, 0])).toBeCloseTo(34 / 45, 12);
  });

  it('enters tied scores as one threshold (0.5 * 1 + 0.5 * 2/3)', () => {
    expect(averagePrecision([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(5 / 6, 12);
  });

  it('is 1 for a perfect ranking and NaN without positives', () => {
    expect(averagePrecision([3, 2, 1], [1, 1, 0])).toBe(1);
    expect(averagePrecision([3, 2, 1], [0, 0, 0])).toBeNaN();
  });

  it('averages per-class AP over the classes that have positives', () => {
    // Rows are samples, columns classes: class 0 ranks perfectly, class 1 has AP 1/2, class 2 has no positive.
    const scores = Float32Array.from([0.9, 0.1, 0, 0.2, 0.9, 0, 0.1, 0.5, 0]);
    const labels = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1, 0]);
    const { perClass, mean } = meanAveragePrecision(scores, labels, 3);
    expect(perClass[0]).toBe(1);
    expect(perClass[1]).toBeCloseTo(0.5, 12);
    expect(perClass[2]).toBeNaN();
    expect(mean).toBeCloseTo(0.75, 12);
  });
});

describe('AUROC', () => {
  it('counts the positive-over-negative pairs (hand-computed: 3 of 6)', () => {
    expect(auroc([0.9, 0.8, 0.7, 0.6, 0.5], [1, 0, 1, 0, 1])).toBeCloseTo(0.5, 12);
  });

  it('counts a tied pair as one half (3.5 of 4)', () => {
    expect(auroc([0.5, 0.9, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
  });

  it('equals the brute-force Mann-Whitney count on random scores with ties', () => {
    const random = createRandom('auroc-test');
    const scores = Array.from({ length: 200 }, () => Math.round(random.uniform() * 20) / 20);
    const labels = scores.map((s) => (random.uniform() < 0.3 + 0.4 * s ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    scores.forEach((sp, i) => {
      if (!labels[i]) return;
      scores.forEach((sn, j) => {
        if (labels[j]) return;
        pairs++;
        wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
      });
    });
    expect(auroc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });

  it('is NaN for a class with only positives or only negatives, and left out of the mean', () => {
    const scores = Float32Array.from([0.9, 0.2, 0.1, 0.3]);
    const labels = Uint8Array.from([1, 1, 0, 1]);
    const { perClass, mean } = perClassAuroc(scores, labels, 2);
    expect(perClass[0]).toBe(1);
    expect(perClass[1]).toBeNaN();
    expect(mean).toBe(1);
  });
});
