import { describe, expect, it } from 'vitest';
import type { Attribution, DoneRecord } from '@saliency-bench/core';
import { pointingAccuracy, pointingGamePlugin } from '../src/pointing-game.js';
import { box, makeJob, makeSample, metricContext, peakMap } from './fixtures.js';

const create = (options: Partial<typeof pointingGamePlugin.defaults> = {}) =>
  pointingGamePlugin.create({ ...pointingGamePlugin.defaults, ...options }, { baseDir: '.', seed: 0 });
const peak = (x: number, y: number, size = 100): Attribution => ({ map: peakMap(size, size, x, y), height: size, width: size });
const sample = makeSample('img', 100, 100, [box(1, [40, 40, 60, 60])]);

describe('pointing game', () => {
  it('hits when the maximum is inside the box, 14 px away, or 9+9 px diagonally; misses at 15 px and at 11+11 px', async () => {
    const metric = await create();
    const value = async (x: number, y: number) => {
      const record = await metric.evaluate(makeJob(sample, 1), peak(x, y), metricContext());
      return record.state === 'done' ? record.value : record.reason;
    };
    expect(await value(50, 50)).toBe(1);
    expect(await value(74, 50)).toBe(1); // dx = 14
    expect(await value(75, 50)).toBe(0); // dx = 15, not < 15
    expect(await value(50, 25)).toBe(0); // dy = 15 above the box
    expect(await value(69, 69)).toBe(1); // 81 + 81 = 162 < 225
    expect(await value(71, 71)).toBe(0); // 121 + 121 = 242 >= 225
  });

  it('resizes the map to the original size and takes the first maximum in row-major order', async () => {
    // A 10x10 peak at (5, 5) upsampled to 100x100 ties at pixels 54 and 55 in each axis.
    const metric = await create();
    const record = await metric.evaluate(makeJob(sample, 1), peak(5, 5, 10), metricContext());
    expect(record).toMatchObject({ state: 'done', value: 1, extra: { point: [54, 54] } });
  });

  it('honours the tolerance option', async () => {
    const metric = await create({ tolerance: 5 });
    const record = await metric.evaluate(makeJob(sample, 1), peak(66, 50), metricContext());
    expect(record).toMatchObject({ state: 'done', value: 0 });
  });

  it('skips a pair whose objects are all difficult, unless told not to', async () => {
    const hard = makeSample('hard', 100, 100, [box(2, [0, 0, 10, 10], true), box(2, [80, 80, 99, 99], true), box(1, [40, 40, 60, 60])]);
    const skipped = await (await create()).evaluate(makeJob(hard, 2), peak(5, 5), metricContext());
    expect(skipped).toMatchObject({ state: 'skipped', key: 'hard__2', reason: expect.stringMatching(/difficult/) });
    const counted = await (await create({ skipDifficult: false })).evaluate(makeJob(hard, 2), peak(5, 5), metricContext());
    expect(counted).toMatchObject({ state: 'done', value: 1 });
  });

  it('evaluates a pair with one easy and one difficult object against both boxes', async () => {
    const mixed = makeSample('mixed', 100, 100, [box(3, [0, 0, 10, 10], true), box(3, [80, 80, 99, 99])]);
    const record = await (await create()).evaluate(makeJob(mixed, 3), peak(5, 5), metricContext());
    expect(record).toMatchObject({ state: 'done', value: 1 });
  });

  it('skips a class with no ground-truth object in the sample', async () => {
    const record = await (await create()).evaluate(makeJob(sample, 7), peak(5, 5), metricContext());
    expect(record).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/no ground-truth object of class 7/) });
  });

  it('skips every job of a sample without object annotations (an image folder), saying so', async () => {
    const bare = makeSample('bare', 100, 100, []);
    const record = await (await create()).evaluate(makeJob(bare, 0), peak(5, 5), metricContext());
    expect(record).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/sample bare has no object annotations/) });
  });

  it("with subset 'difficult' scores only the pairs of the dataset's difficult list", async () => {
    const listed = { ...makeSample('listed', 100, 100, [box(1, [40, 40, 60, 60]), box(2, [0, 0, 9, 9])]), difficultSubset: [2] };
    const metric = await create({ subset: 'difficult' });
    expect(await metric.evaluate(makeJob(listed, 2), peak(5, 5), metricContext())).toMatchObject({ state: 'done', value: 1 });
    expect(await metric.evaluate(makeJob(listed, 1), peak(50, 50), metricContext())).toMatchObject({
      state: 'skipped',
      reason: 'class 1 of sample listed is not in the difficult subset',
    });
    expect(await metric.evaluate(makeJob(sample, 1), peak(50, 50), metricContext())).toMatchObject({ state: 'failed', reason: expect.stringMatching(/difficultList/) });
    expect(await (await create()).evaluate(makeJob(listed, 1), peak(50, 50), metricContext())).toMatchObject({ state: 'done', value: 1 });
  });

  it('tests segmentation masks instead of boxes when useMasks is true', async () => {
    const mask = new Uint8Array(100 * 100);
    mask[60 * 100 + 60] = 1; // one pixel, 10+10 px diagonally from (50, 50): 200 < 225
    const masked = makeSample('masked', 100, 100, [{ ...box(0, [0, 0, 99, 99]), mask }]);
    const metric = await create({ useMasks: true });
    expect(await metric.evaluate(makeJob(masked, 0), peak(50, 50), metricContext())).toMatchObject({ value: 1 });
    expect(await metric.evaluate(makeJob(masked, 0), peak(40, 50), metricContext())).toMatchObject({ value: 0 });
    // The whole-image box would hit anywhere.
    expect(await (await create()).evaluate(makeJob(masked, 0), peak(40, 50), metricContext())).toMatchObject({ value: 1 });
  });

  it('fails clearly when useMasks is true and an object has no mask', async () => {
    const record = await (await create({ useMasks: true })).evaluate(makeJob(sample, 1), peak(50, 50), metricContext());
    expect(record).toMatchObject({ state: 'failed', reason: expect.stringMatching(/has no mask; set useMasks to false/) });
  });

  it('reports the mean over classes of per-class hit rates, not the mean over records', () => {
    const record = (classIndex: number, value: number): DoneRecord => ({ state: 'done', key: `k${classIndex}`, sampleId: 's', classIndex, value });
    // class 0: 3 of 4 hits = 0.75; class 1: 1 of 2 = 0.5; mean 0.625 (the record mean would be 4/6)
    const records = [record(0, 1), record(0, 0), record(0, 1), record(0, 1), record(1, 0), record(1, 1)];
    expect(pointingAccuracy(records)).toBeCloseTo(0.625, 12);
    expect(pointingGamePlugin.statistic).toBe(pointingAccuracy);
  });
});
