import { describe, expect, it } from 'vitest';
import type { Attribution, MetricRecord } from '@saliency-bench/core';
import { deletionPlugin } from '../src/deletion.js';
import { insertionPlugin } from '../src/insertion.js';
import { LinearClassifier, linearInfo, makeJob, makeSample, metricContext, sigmoid } from './fixtures.js';

const trapezoid = (s: number[]) => (s.reduce((a, b) => a + b, 0) - s[0] / 2 - s[s.length - 1] / 2) / (s.length - 1);
const value = (record: MetricRecord) => {
  if (record.state !== 'done') throw new Error(`expected a done record, got ${record.state}: ${record.reason}`);
  return record.value;
};

// Deletion example: a 2x2 one-channel image [1, 2, 3, 4]; logit = sum of pixels (sigmoid).
const square = makeSample('square', 2, 2, [], 1);
square.image.set([1, 2, 3, 4]);
const squareMap: Attribution = { map: Float32Array.from([0.1, 0.9, 0.5, 0.3]), height: 2, width: 2 }; // order 1, 2, 3, 0
const sumModel = () => new LinearClassifier(linearInfo([1, 2, 2], 1, 'sigmoid'), [Float32Array.from([1, 1, 1, 1])]);

describe('deletion', () => {
  const create = (options: Partial<typeof deletionPlugin.defaults>) =>
    deletionPlugin.create({ ...deletionPlugin.defaults, ...options }, { baseDir: '.', seed: 0 });

  it('removes one pixel per step: logits 10, 8, 5, 1, 0', async () => {
    const metric = await create({ step: 1, recordCurve: true });
    const record = await metric.evaluate(makeJob(square, 0), squareMap, metricContext(sumModel()));
    const expected = [10, 8, 5, 1, 0].map(sigmoid);
    expect(value(record)).toBeCloseTo(trapezoid(expected), 6);
    expect(record.state === 'done' && (record.extra!.curve as number[]).map((v) => Number(v.toFixed(6)))).toEqual(
      expected.map((v) => Number(v.toFixed(6))),
    );
  });

  it('takes ceil(HW / step) steps: step 3 on 4 pixels gives logits 10, 1, 0', async () => {
    const record = await (await create({ step: 3 })).evaluate(makeJob(square, 0), squareMap, metricContext(sumModel()));
    expect(value(record)).toBeCloseTo(trapezoid([10, 1, 0].map(sigmoid)), 6);
    expect(record).toMatchObject({ extra: { steps: 2, scoredClass: 0 } });
  });

  it('resizes a map of another size to the model input before ordering', async () => {
    const big = { map: new Float32Array(16), height: 4, width: 4 };
    big.map.set([0.1, 0.1, 0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.5, 0.5, 0.3, 0.3, 0.5, 0.5, 0.3, 0.3]);
    const record = await (await create({ step: 1 })).evaluate(makeJob(square, 0), big, metricContext(sumModel()));
    expect(value(record)).toBeCloseTo(trapezoid([10, 8, 5, 1, 0].map(sigmoid)), 6);
  });

  it('gives the same AUC whatever the batch size, in ceil((N + 1) / batch) model calls', async () => {
    const values: number[] = [];
    for (const batchSize of [1, 2, 32]) {
      const model = sumModel();
      values.push(value(await (await create({ step: 1, batchSize })).evaluate(makeJob(square, 0), squareMap, metricContext(model))));
      expect(model.batches.length).toBe(Math.ceil(5 / batchSize));
    }
    expect(values[1]).toBe(values[0]);
    expect(values[2]).toBe(values[0]);
  });

  it("scores the clean image's top-1 class by default (classOf 'top1', as the RP and RISE code), the job's class with 'target'", async () => {
    // softmax over [sum, 1]: class 0 is top-1 on the clean image (10 > 1) but not once all is deleted (0 < 1);
    // p0 = sigmoid(sum - 1) and p1 = 1 - p0.
    const model = () =>
      new LinearClassifier(linearInfo([1, 2, 2], 2, 'softmax'), [Float32Array.from([1, 1, 1, 1]), new Float32Array(4)], [0, 1]);
    const target = await (await create({ step: 1, classOf: 'target' })).evaluate(makeJob(square, 1), squareMap, metricContext(model()));
    const top1 = await (await create({ step: 1 })).evaluate(makeJob(square, 1), squareMap, metricContext(model()));
    expect(value(target)).toBeCloseTo(trapezoid([10, 8, 5, 1, 0].map((z) => 1 - sigmoid(z - 1))), 6);
    expect(value(top1)).toBeCloseTo(trapezoid([10, 8, 5, 1, 0].map((z) => sigmoid(z - 1))), 6);
    expect(top1).toMatchObject({ extra: { scoredClass: 0 } });
  });

  it('fails clearly without a model, and is marked lower-is-better', async () => {
    const record = await (await create({})).evaluate(makeJob(square, 0), squareMap, metricContext());
    expect(record).toMatchObject({ state: 'failed', reason: 'deletion needs a model: declare one in the spec' });
    expect([deletionPlugin.higherIsBetter, deletionPlugin.needsModel, deletionPlugin.defaults.step]).toEqual([false, true, 300]);
  });
});

describe('insertion', () => {
  // A 1x4 image [4, 0, 0, 8]. sigma = 1/sqrt(2 ln 2) makes the 3-tap kernel [1/4, 1/2, 1/4]; with
  // reflect-101 borders the substrate is [0/4+4/2+0/4, 4/4+0+0, 0+0+8/4, 0/4+8/2+0/4] = [2, 1, 2, 4].
  const strip = makeSample('strip', 1, 4, [], 1);
  strip.image.set([4, 0, 0, 8]);
  const stripMap: Attribution = { map: Float32Array.from([0, 1, 3, 2]), height: 1, width: 4 }; // order 2, 3, 1, 0
  const model = () => new LinearClassifier(linearInfo([1, 1, 4], 1, 'sigmoid'), [Float32Array.from([1, 1, 1, 1])]);
  const create = (options: Partial<typeof insertionPlugin.defaults>) =>
    insertionPlugin.create(
      { ...insertionPlugin.defaults, substrateBlur: 'opencv', substrateKernelSize: 3, substrateSigma: 1 / Math.sqrt(2 * Math.LN2), ...options },
      { baseDir: '.', seed: 0 },
    );

  it('restores pixels onto the OpenCV-blurred substrate: logits 9, 7, 11, 10, 12', async () => {
    // substrate sum 9; restore pixel 2 (2 -> 0): 7; pixel 3 (4 -> 8): 11; pixel 1 (1 -> 0): 10; pixel 0 (2 -> 4): 12
    const record = await (await create({ step: 1, recordCurve: true })).evaluate(makeJob(strip, 0), stripMap, metricContext(model()));
    const expected = [9, 7, 11, 10, 12].map(sigmoid);
    expect(value(record)).toBeCloseTo(trapezoid(expected), 6);
    const curve = (record.state === 'done' ? record.extra!.curve : []) as number[];
    curve.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it("restores pixels onto the RISE code's zero-padded blur", async () => {
    // The RISE kernel for size 3, sigma 1 is [a, b, a] (from scipy.ndimage.gaussian_filter of a delta).
    // Zero padding on a 1x4 strip: rows give [4b, 4a, 8a, 8b], the lone row is then scaled by b.
    const a = 0.29609640370191986;
    const b = 0.40780719259616033;
    const substrate = [4 * b * b, 4 * a * b, 8 * a * b, 8 * b * b];
    const start = substrate.reduce((s, v) => s + v, 0);
    const logits = [start, start - 8 * a * b, start - 8 * a * b + 8 - 8 * b * b, 8 + 4 * b * b, 12];
    const record = await (await create({ step: 1, substrateBlur: 'rise', substrateSigma: 1 })).evaluate(
      makeJob(strip, 0),
      stripMap,
      metricContext(model()),
    );
    expect(value(record)).toBeCloseTo(trapezoid(logits.map(sigmoid)), 6);
  });

  it("uses the RP defaults: 100 pixels per step, the RISE blur with kernel 11, sigma 5, the clean image's top-1 class", () => {
    expect(insertionPlugin.defaults).toEqual({
      step: 100,
      batchSize: 32,
      classOf: 'top1',
      recordCurve: false,
      substrateBlur: 'rise',
      substrateKernelSize: 11,
      substrateSigma: 5,
    });
    expect([insertionPlugin.higherIsBetter, insertionPlugin.needsModel]).toEqual([true, true]);
  });

  it('rejects an even blur kernel when created', () => {
    expect(() => insertionPlugin.create({ ...insertionPlugin.defaults, substrateKernelSize: 4 }, { baseDir: '.', seed: 0 })).toThrow(/must be odd/);
  });

  it('fails a map with NaN instead of ranking it', async () => {
    const broken = { map: Float32Array.from([0, Number.NaN, 1, 2]), height: 1, width: 4 };
    const record = await (await create({ step: 1 })).evaluate(makeJob(strip, 0), broken, metricContext(model()));
    expect(record).toMatchObject({ state: 'failed', reason: expect.stringMatching(/NaN/) });
  });
});
