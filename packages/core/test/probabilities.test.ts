import { describe, expect, it } from 'vitest';
import { probabilities, rowProbabilities } from '../src/index.js';

describe('probabilities (the one activation function)', () => {
  it('applies the sigmoid per class (hand values)', () => {
    const p = rowProbabilities([0, Math.log(3), -Math.log(3)], 0, 3, 'sigmoid');
    expect(p[0]).toBe(0.5);
    expect(p[1]).toBeCloseTo(0.75, 15);
    expect(p[2]).toBeCloseTo(0.25, 15);
  });

  it('normalises a softmax row, unchanged by a shift of the logits and safe from overflow (hand values)', () => {
    // exp(0) : exp(ln 3) = 1 : 3 (1000 + ln 3 is a double within 1.2e-13 of it).
    const p = rowProbabilities([7, 1000, 1000 + Math.log(3), 9], 1, 2, 'softmax');
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.75, 12);
    expect(p[0] + p[1]).toBeCloseTo(1, 15);
  });

  it('is each row in float64 rounded once to float32, for every row of a batch', () => {
    const logits = Float32Array.from([0.3, -1.2, 2.5, 4, 0, -4]);
    for (const activation of ['sigmoid', 'softmax'] as const) {
      const batch = probabilities(logits, 2, activation);
      expect(batch).toBeInstanceOf(Float32Array);
      const rows = [0, 1].flatMap((row) => Array.from(Float32Array.from(rowProbabilities(logits, 3 * row, 3, activation))));
      expect(Array.from(batch)).toEqual(rows);
    }
  });
});
