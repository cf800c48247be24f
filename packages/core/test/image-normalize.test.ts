import { describe, expect, it } from 'vitest';
import type { ClassifierInfo, Sample } from '../src/types.js';
import { denormalize, minMaxNormalize, normalize, toModelInput } from '../src/image/index.js';

describe('normalize and denormalize', () => {
  it('subtracts the mean and divides by the std per channel', () => {
    const out = normalize(Float32Array.from([0.5, 1, 0, 0.25]), [0.5, 0.25], [0.25, 0.5]);
    expect(Array.from(out)).toEqual([0, 2, -0.5, 0]);
  });

  it('round-trips through denormalize', () => {
    const x = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    const back = denormalize(normalize(x, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]), [0.485, 0.456, 0.406], [
      0.229, 0.224, 0.225,
    ]);
    for (let i = 0; i < x.length; i++) expect(back[i]).toBeCloseTo(x[i], 6);
  });

  it('rejects a zero std and mismatched channel counts with the field named', () => {
    expect(() => normalize(new Float32Array(2), [0], [0])).toThrow(/std must be > 0/);
    expect(() => normalize(new Float32Array(3), [0, 0], [1, 1])).toThrow(/do not split into 2 channels/);
  });
});

describe('minMaxNormalize', () => {
  it('maps the minimum to 0 and the maximum to 1', () => {
    expect(Array.from(minMaxNormalize(Float32Array.from([2, 4, 3, 6])))).toEqual([0, 0.5, 0.25, 1]);
  });

  it('turns a constant map into zeros rather than NaN', () => {
    expect(Array.from(minMaxNormalize(new Float32Array(3).fill(7)))).toEqual([0, 0, 0]);
  });
});

describe('toModelInput', () => {
  const info: ClassifierInfo = {
    name: 'toy',
    classes: ['a'],
    inputShape: [3, 2, 4],
    activation: 'sigmoid',
    mean: [0.5, 0.5, 0.5],
    std: [0.5, 0.5, 0.5],
  };

  it('resizes to the input shape, then normalises', () => {
    // Each channel a horizontal ramp [0, 1] at 1x2 -> [0, 0.25, 0.75, 1] per row -> (v - 0.5) / 0.5
    const sample: Sample = { id: 's', image: Float32Array.from([0, 1, 0, 1, 0, 1]), width: 2, height: 1, labels: [], objects: [] };
    const out = toModelInput(sample, info);
    expect(out.length).toBe(3 * 2 * 4);
    expect(Array.from(out.subarray(0, 8))).toEqual([-1, -0.5, 0.5, 1, -1, -0.5, 0.5, 1]);
  });

  it('names the sample when its image has the wrong length', () => {
    const sample: Sample = { id: 'bad-7', image: new Float32Array(5), width: 2, height: 1, labels: [], objects: [] };
    expect(() => toModelInput(sample, info)).toThrow(/sample bad-7/);
  });
});
