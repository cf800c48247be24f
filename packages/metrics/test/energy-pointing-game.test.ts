import { describe, expect, it } from 'vitest';
import type { Attribution } from '@saliency-bench/core';
import { energyPointingGamePlugin } from '../src/energy-pointing-game.js';
import { box, makeJob, makeSample, metricContext } from './fixtures.js';

/** A 10x10 map that is `low` everywhere and `high` at (1,1), (2,2), (7,7), (8,8). */
function fourDots(low: number, high: number): Attribution {
  const map = new Float32Array(100).fill(low);
  for (const [x, y] of [[1, 1], [2, 2], [7, 7], [8, 8]]) map[y * 10 + x] = high;
  return { map, height: 10, width: 10 };
}
const create = (variant: 'per-box' | 'union') =>
  energyPointingGamePlugin.create({ ...energyPointingGamePlugin.defaults, variant }, { baseDir: '.', seed: 0 });

describe('energy-based pointing game', () => {
  // Box A [0,0,3,3] holds dots (1,1) and (2,2): 2/4; box B [2,2,3,3] holds (2,2): 1/4.
  const nested = makeSample('nested', 10, 10, [box(0, [0, 0, 3, 3]), box(0, [2, 2, 3, 3])]);

  it("averages per-box shares by default (RP code): (2/4 + 1/4) / 2 = 0.375", async () => {
    const record = await (await create('per-box')).evaluate(makeJob(nested, 0), fourDots(0, 1), metricContext());
    expect(record).toMatchObject({ state: 'done' });
    expect(record.state === 'done' && record.value).toBeCloseTo(0.375, 6);
    expect(energyPointingGamePlugin.defaults.variant).toBe('per-box');
  });

  it('counts the union of the boxes once in the Score-CAM variant: 2/4 = 0.5', async () => {
    const record = await (await create('union')).evaluate(makeJob(nested, 0), fourDots(0, 1), metricContext());
    expect(record.state === 'done' && record.value).toBeCloseTo(0.5, 6);
  });

  it('min-max normalises first, so an offset and a scale change nothing', async () => {
    const record = await (await create('per-box')).evaluate(makeJob(nested, 0), fourDots(5, 7), metricContext());
    expect(record.state === 'done' && record.value).toBeCloseTo(0.375, 6);
  });

  it('sums disjoint boxes in the union variant: (1,1)..(2,2) and (7,7)..(8,8) hold all the energy', async () => {
    const apart = makeSample('apart', 10, 10, [box(4, [1, 1, 2, 2]), box(4, [7, 7, 8, 8])]);
    const union = await (await create('union')).evaluate(makeJob(apart, 4), fourDots(0, 1), metricContext());
    const perBox = await (await create('per-box')).evaluate(makeJob(apart, 4), fourDots(0, 1), metricContext());
    expect(union.state === 'done' && union.value).toBeCloseTo(1, 6);
    expect(perBox.state === 'done' && perBox.value).toBeCloseTo(0.5, 6);
  });

  it('scores a constant map as uniform energy: a 5x5 box in a 10x10 image gets 0.25', async () => {
    const one = makeSample('one', 10, 10, [box(0, [0, 0, 4, 4])]);
    const flat = { map: new Float32Array(100).fill(3), height: 10, width: 10 };
    const record = await (await create('per-box')).evaluate(makeJob(one, 0), flat, metricContext());
    expect(record.state === 'done' && record.value).toBeCloseTo(0.25, 6);
  });

  it('skips pairs whose objects are all difficult', async () => {
    const hard = makeSample('hard', 10, 10, [box(0, [0, 0, 4, 4], true)]);
    const record = await (await create('per-box')).evaluate(makeJob(hard, 0), fourDots(0, 1), metricContext());
    expect(record).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/difficult/) });
  });
});
