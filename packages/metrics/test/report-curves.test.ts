import { describe, expect, it } from 'vitest';
import { coarseCurve, resampleCurve } from '../src/coarse-curve.js';
import { deletionPlugin } from '../src/deletion.js';
import { insertionPlugin } from '../src/insertion.js';
import { LinearClassifier, linearInfo, makeJob, makeSample, metricContext, sigmoid } from './fixtures.js';

describe('curves kept for a report', () => {
  it('keeps a short curve as it is (rounded to 6 decimals)', () => {
    expect(coarseCurve([0.1234567, 0.5, 1])).toEqual([0.123457, 0.5, 1]);
  });

  it('resamples a long curve linearly onto 101 evenly spaced points of [0, 1]', () => {
    // A straight line 0..1 over 901 points stays the same line over 101 points.
    const line = Array.from({ length: 901 }, (_, i) => i / 900);
    const coarse = coarseCurve(line);
    expect(coarse).toHaveLength(101);
    for (const [j, value] of coarse.entries()) expect(value).toBeCloseTo(j / 100, 6);
    // A parabola: each coarse point is the exact value where it lands on an original point (every 9th).
    const parabola = line.map((x) => x * x);
    expect(coarseCurve(parabola)[50]).toBeCloseTo(0.25, 6);
  });

  it('records the deletion curve when the run asks for curves, and not otherwise', async () => {
    // 2x2 image [1, 2, 3, 4], logit = sum of pixels, most salient pixels 1, 2, 3, 0: logits 10, 8, 5, 1, 0.
    const sample = makeSample('square', 2, 2, [], 1);
    sample.image.set([1, 2, 3, 4]);
    const map = { map: Float32Array.from([0.1, 0.9, 0.5, 0.3]), height: 2, width: 2 };
    const model = () => new LinearClassifier(linearInfo([1, 2, 2], 1, 'sigmoid'), [Float32Array.from([1, 1, 1, 1])]);
    const metric = await deletionPlugin.create({ ...deletionPlugin.defaults, step: 1 }, { baseDir: '.', seed: 0 });
    const withCurve = await metric.evaluate(makeJob(sample, 0), map, { ...metricContext(model()), recordCurves: true });
    const expected = [10, 8, 5, 1, 0].map((logit) => Math.round(sigmoid(logit) * 1e6) / 1e6);
    expect(withCurve.state === 'done' && withCurve.extra?.curve).toEqual(expected);
    const without = await metric.evaluate(makeJob(sample, 0), map, metricContext(model()));
    expect(without.state === 'done' && without.extra?.curve).toBeUndefined();
  });

  it('records the insertion curve too, ending at the clean image', async () => {
    const sample = makeSample('square', 2, 2, [], 1);
    sample.image.set([1, 2, 3, 4]);
    const map = { map: Float32Array.from([0.1, 0.9, 0.5, 0.3]), height: 2, width: 2 };
    const model = new LinearClassifier(linearInfo([1, 2, 2], 1, 'sigmoid'), [Float32Array.from([1, 1, 1, 1])]);
    const metric = await insertionPlugin.create({ ...insertionPlugin.defaults, step: 1 }, { baseDir: '.', seed: 0 });
    const record = await metric.evaluate(makeJob(sample, 0), map, { ...metricContext(model), recordCurves: true });
    const curve = record.state === 'done' ? (record.extra?.curve as number[]) : [];
    expect(curve).toHaveLength(5);
    expect(curve[4]).toBeCloseTo(sigmoid(10), 6);
  });
});

describe('resampleCurve', () => {
  it('gives exactly the asked number of points, upsampling a short curve linearly', () => {
    expect(resampleCurve([0, 1], 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(resampleCurve([0, 1, 0], 5)).toEqual([0, 0.5, 1, 0.5, 0]);
  });
});
