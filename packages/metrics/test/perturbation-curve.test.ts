import { describe, expect, it } from 'vitest';
import { areaUnderCurve, saliencyOrder, stepCount } from '../src/perturbation-curve.js';

describe('perturbation curve helpers', () => {
  it('computes the trapezoid AUC (sum - s0/2 - sN/2) / N on tiny curves', () => {
    expect(areaUnderCurve([1, 0.5, 0])).toBeCloseTo(0.5, 12); // (1.5 - 0.5 - 0) / 2
    expect(areaUnderCurve([0, 1])).toBeCloseTo(0.5, 12);
    expect(areaUnderCurve([1, 1, 1, 1])).toBeCloseTo(1, 12);
    expect(areaUnderCurve([0.2, 0.9, 0.4, 0.1])).toBeCloseTo((1.6 - 0.1 - 0.05) / 3, 12);
  });

  it('orders pixels by decreasing saliency and breaks ties by index', () => {
    expect(Array.from(saliencyOrder(Float32Array.from([0.5, 0.9, 0.5, 0.9, -1])))).toEqual([1, 3, 0, 2, 4]);
  });

  it('counts ceil(HW / step) steps: 900 for insertion and 300 for deletion at 300x300', () => {
    expect(stepCount(300 * 300, 100)).toBe(900);
    expect(stepCount(300 * 300, 300)).toBe(300);
    expect(stepCount(224 * 224, 224)).toBe(224);
    expect(stepCount(4, 3)).toBe(2);
  });

  it('refuses a curve with a single point', () => {
    expect(() => areaUnderCurve([1])).toThrow(/at least 2 points/);
  });
});
