import { describe, expect, it } from 'vitest';
import { compareFamily, type Family } from '../src/compare/compare-methods.js';
import { competitionRanks, rankFamily } from '../src/compare/rank-table.js';
import { wilcoxonSignedRank } from '../src/stats/wilcoxon.js';
import { holmAdjust } from '../src/stats/holm.js';
import type { MetricRecord } from '../src/types.js';

const records = (values: (number | null)[], classOf = (i: number) => 0): Map<string, MetricRecord> =>
  new Map(values.map((value, i) => {
    const key = `s${String(i).padStart(2, '0')}__${classOf(i)}`;
    const base = { key, sampleId: `s${i}`, classIndex: classOf(i) };
    return [key, value === null ? { ...base, state: 'failed', reason: 'x' } : { ...base, state: 'done', value }];
  }));

const family = (methods: Record<string, Map<string, MetricRecord>>, higherIsBetter = true, pairingUnit?: (r: { classIndex: number }) => string): Family => ({
  dataset: 'd', model: 'm', metric: 'x', semantics: { higherIsBetter, pairingUnit: pairingUnit as never },
  methods: Object.keys(methods), records: Object.values(methods),
});

describe('paired comparisons of methods', () => {
  // Darwin's differences again: A = B + d, so the Wilcoxon p of the pair is the published 0.0479.
  const darwin = [-6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
  const b = darwin.map((_, i) => 100 + 10 * i);
  const a = b.map((v, i) => v + darwin[i]);

  it('pairs jobs, reports the mean difference, its interval and the Wilcoxon p-value', () => {
    const [row] = compareFamily(family({ A: records(a), B: records(b) }), 7);
    expect(row.n).toBe(15);
    expect(row.difference).toBeCloseTo(darwin.reduce((s, d) => s + d, 0) / 15, 12);
    expect(row.pValue).toBeCloseTo(0.04791259765625, 12);
    expect(row.ciLow).toBeLessThan(row.difference);
    expect(row.ciHigh).toBeGreaterThan(row.difference);
    // One pair: Holm changes nothing, and p < 0.05 with A ahead in a higher-is-better metric.
    expect(row.pHolm).toBe(row.pValue);
    expect(row.better).toBe('A');
    // Lower is better: the same numbers make B the better method.
    expect(compareFamily(family({ A: records(a), B: records(b) }, false), 7)[0].better).toBe('B');
  });

  it('compares only jobs both methods finished', () => {
    const withFailure = [...a];
    withFailure[3] = null as unknown as number;
    const [row] = compareFamily(family({ A: records(withFailure), B: records(b) }), 7);
    expect(row.n).toBe(14);
    const differences = darwin.filter((_, i) => i !== 3);
    expect(row.pValue).toBeCloseTo(wilcoxonSignedRank(differences).pValue, 14);
  });

  it('corrects the verdicts for the number of pairs with Holm', () => {
    const c = b.map((v) => v + 1000);
    const d = b.map((v, i) => v + (i % 2 === 0 ? 1 : -1) * (i + 1));
    const rows = compareFamily(family({ A: records(a), B: records(b), C: records(c), D: records(d) }), 7);
    expect(rows.map((r) => `${r.methodA}-${r.methodB}`)).toEqual(['A-B', 'A-C', 'A-D', 'B-C', 'B-D', 'C-D']);
    expect(rows.map((r) => r.pHolm)).toEqual(holmAdjust(rows.map((r) => r.pValue)));
    // Raw p: A-B 0.0479, A-C 2/2^15, A-D 0.042358 (|d| = 38 twice: by enumerating the 2^15 signs of
    // the tied ranks; scipy's 'exact' ignores the tie and says 0.0479), B-C 2/2^15, B-D 0.8469, C-D 2/2^15.
    // Holm: the three smallest times 6, 5, 4; A-D times 3, A-B times 2 then raised to A-D's (monotone).
    expect(rows[2].pValue).toBeCloseTo(0.0423583984375, 12);
    expect(rows[2].pHolm).toBeCloseTo(3 * 0.0423583984375, 12);
    expect(rows[0].pHolm).toBeCloseTo(3 * 0.0423583984375, 12);
    expect(rows[1].pHolm).toBeCloseTo(6 * 2 / 2 ** 15, 14);
    expect(rows[4].pValue).toBeCloseTo(0.846923828125, 12);
    // A-B was significant alone (first test); among six pairs it is not. C beats every other method.
    expect(rows.map((r) => r.better)).toEqual(['-', 'C', '-', 'C', '-', 'C']);
  });

  it('compares the pointing game per class, as its statistic averages per class', () => {
    // 8 jobs over classes 0 and 1: A hits class 0 always and class 1 half the time; B the reverse.
    const classOf = (i: number) => i % 2;
    const hitsA = [1, 1, 1, 0, 1, 1, 1, 0];
    const hitsB = [0, 1, 1, 1, 0, 1, 1, 1];
    const [row] = compareFamily(family({ A: records(hitsA, classOf), B: records(hitsB, classOf) }, true, (r) => `class ${r.classIndex}`), 7);
    expect(row.unit).toBe('class');
    expect(row.n).toBe(2);
    expect(row.jobs).toBe(8);
    // per class: A 1.0 and 0.5, B 0.5 and 1.0; the means over classes are equal.
    expect(row.meanA).toBeCloseTo(0.75, 14);
    expect(row.meanB).toBeCloseTo(0.75, 14);
    expect(row.difference).toBeCloseTo(0, 14);
    // Two classes, differences +0.5 and -0.5: W+ = 1.5 of 3, p = 1.
    expect(row.pValue).toBe(1);
  });
});

describe('rank table', () => {
  it('ranks with ties sharing the better rank, in the metric direction', () => {
    expect(competitionRanks([0.5, 0.9, 0.5, 0.1], true)).toEqual([2, 1, 2, 4]);
    expect(competitionRanks([0.5, 0.9, 0.5, 0.1], false)).toEqual([2, 4, 2, 1]);
  });

  it('holds a rank in every resample when the methods are far apart, and splits it when they are not', () => {
    const n = 30;
    const base = Array.from({ length: n }, (_, i) => (i * 7) % 11);
    const far = rankFamily(family({ low: records(base), high: records(base.map((v) => v + 100)) }), 3, 500);
    expect(far.map((r) => [r.method, r.rank, r.rankFrequency])).toEqual([['high', 1, 1], ['low', 2, 1]]);
    // Differences of +-1 in equal numbers: each method's rank is a coin flip over resamples.
    const near = rankFamily(family({ p: records(base), q: records(base.map((v, i) => v + (i % 2 === 0 ? 1 : -1))) }), 3, 2000);
    for (const row of near) {
      expect(row.frequencies.reduce((s, f) => s + f, 0)).toBeCloseTo(1, 12);
      expect(row.rankFrequency).toBeGreaterThan(0.3);
      expect(row.rankFrequency).toBeLessThan(0.7);
    }
  });
});
