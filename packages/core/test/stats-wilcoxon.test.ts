import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../src/stats/wilcoxon.js';

// Darwin's Zea mays data (Fisher, The Design of Experiments, 1935): cross- minus self-fertilised
// height differences in eighths of an inch, 15 pairs. |d| ranks 1..15; the negatives -6, -48, -67
// hold ranks 1, 10 and 14, so W- = 25 and W+ = 95. Exact two-sided p = 2 * P(W <= 25) = 0.0479126
// (1570 of the 32768 sign assignments have W+ <= 25; also scipy.stats.wilcoxon(method='exact')).
const darwin = [-6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];

// Zeros (two) and ties (|d| = 2 three times, 3 three times): checked by enumerating all 2^n signs
// in Python, and against scipy.stats.wilcoxon(method='asymptotic') for the normal approximation.
const zerosAndTies = [0, 2, -2, 3, 3, -1, 4, 0, 5, 2, -3, 6];

describe('Wilcoxon signed-rank test', () => {
  it('reproduces the exact p-value of Darwin\'s data', () => {
    const result = wilcoxonSignedRank(darwin, { method: 'exact' });
    expect(result.wPlus).toBe(95);
    expect(result.wMinus).toBe(25);
    expect(result.pValue).toBeCloseTo(0.04791259765625, 12);
    expect(result.method).toBe('exact');
  });

  it('counts sign assignments exactly when there are ties and zeros (Pratt and Wilcoxon zero handling)', () => {
    // Pratt: ranks over all 12, zeros hold ranks 1.5 each; W+ = 59, 108 of 1024 assignments as extreme.
    const pratt = wilcoxonSignedRank(zerosAndTies, { method: 'exact', zeroMethod: 'pratt' });
    expect(pratt.wPlus).toBe(59);
    expect(pratt.pValue).toBeCloseTo(0.10546875, 12);
    const wilcox = wilcoxonSignedRank(zerosAndTies, { method: 'exact', zeroMethod: 'wilcox' });
    expect(wilcox.wPlus).toBe(45);
    expect(wilcox.pValue).toBeCloseTo(0.087890625, 12);
  });

  it('applies the zero (Cureton) and tie corrections of the normal approximation', () => {
    expect(wilcoxonSignedRank(zerosAndTies, { method: 'normal', zeroMethod: 'pratt' }).pValue).toBeCloseTo(0.08943269066258157, 6);
    expect(wilcoxonSignedRank(zerosAndTies, { method: 'normal', zeroMethod: 'wilcox' }).pValue).toBeCloseTo(0.07295624525349925, 6);
    // Hand check of the Pratt z: n = 12, n0 = 2; mu = 12*13/4 - 2*3/4 = 37.5;
    // 24 sigma^2 = 12*13*25 - 2*3*5 - (3^3-3 + 3^3-3)/2 = 3900 - 30 - 24 = 3846; z = (59 - 37.5) / sqrt(160.25).
    expect(Math.abs(wilcoxonSignedRank(zerosAndTies, { method: 'normal' }).z)).toBeCloseTo(21.5 / Math.sqrt(160.25), 12);
  });

  it('switches to the normal approximation beyond 50 non-zero differences, matching scipy', () => {
    const many = [0.5, 1, 0.5, -1, 1, 0.5, 0, 1, 0.5, 0.5, 0.5, 1, -0.5, 0, 0, 1, 0.5, 0, -0.5, 0, 0.5, 0, 1.5, 1.5, -2.5, -1.5, 0, 0,
      0.5, 0.5, 2.5, -1, 0, 2.5, 1, 1, 0, -1.5, 0.5, 0.5, -1, -0.5, 0, -0.5, 0, 0.5, 0.5, 0, 1, 1, 0.5, -0.5, 1, 0, 1, -1, 1, 0.5, -1,
      0, 0.5, 0.5, -0.5, -1, 0.5, 0, 0.5, 1, -1.5, 0.5, 1.5, 0, -0.5, 1, 0.5, 1, 0, -1, 0, 0];
    const pratt = wilcoxonSignedRank(many);
    expect(pratt.method).toBe('normal');
    expect(pratt.wPlus).toBe(2059);
    expect(pratt.pValue).toBeCloseTo(0.007957780551092761, 6);
    const wilcox = wilcoxonSignedRank(many, { zeroMethod: 'wilcox' });
    expect(wilcox.wPlus).toBe(1219);
    expect(wilcox.pValue).toBeCloseTo(0.022383604697842542, 6);
  });

  it('is symmetric in the sign of the differences and gives p = 1 when all are zero', () => {
    expect(wilcoxonSignedRank(darwin.map((d) => -d)).pValue).toBeCloseTo(wilcoxonSignedRank(darwin).pValue, 14);
    expect(wilcoxonSignedRank([0, 0, 0]).pValue).toBe(1);
    // Five positive differences: the most extreme of 32 assignments on each side, p = 2/32.
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5]).pValue).toBeCloseTo(1 / 16, 14);
  });
});
