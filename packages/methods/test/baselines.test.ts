import { createRandom, toModelInput } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { gradCamPlugin } from '../src/baselines/grad-cam.js';
import { gradientPlugin } from '../src/baselines/gradient.js';
import { RiseMaskGenerator } from '../src/baselines/rise-masks.js';
import { risePlugin } from '../src/baselines/rise.js';
import { makeContext, makeJobs } from './helpers/fixtures.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

const SIZE = 16;
const toy = createToyClassifier({ size: SIZE, classes: 5 });
const jobs = makeJobs(3, SIZE, 5);
const modelInput = (i: number) => toModelInput(jobs[i].sample, toy.info);

describe('gradient baseline', () => {
  it('is the channel-wise maximum of |d logit_t / dx| for each job of a batch', async () => {
    const method = await gradientPlugin.create({ masksPerBatch: 3 }, { baseDir: '.', seed: 1 });
    const maps = await method.explain(jobs, makeContext(toy));
    for (const i of [0, 2]) {
      const g = new Float32Array(5);
      g[jobs[i].classIndex] = 1;
      const { gInput } = await toy.vjp(modelInput(i), 1, g);
      const plane = SIZE * SIZE;
      const expected = Array.from({ length: plane }, (_, p) => Math.max(...[0, 1, 2].map((c) => Math.abs(gInput[c * plane + p]))));
      expect(Array.from(maps[i].map)).toEqual(expected.map(Math.fround));
    }
  });
});

describe('Grad-CAM baseline', () => {
  it('weights the layer by its mean gradient and rectifies', async () => {
    const method = await gradCamPlugin.create({ layer: 'features', masksPerBatch: 2 }, { baseDir: '.', seed: 1 });
    const [map] = await method.explain([jobs[1]], makeContext(toy));
    const g = new Float32Array(5);
    g[jobs[1].classIndex] = 1;
    const { activation, gradient } = await toy.intermediate!(modelInput(1), 1, 'features', g);
    const plane = SIZE * SIZE;
    const weights = [0, 1, 2, 3].map((c) => gradient.subarray(c * plane, (c + 1) * plane).reduce((a, b) => a + b) / plane);
    for (const p of [0, 37, 200]) {
      const cam = Math.max(0, weights.reduce((s, wc, c) => s + wc * activation[c * plane + p], 0));
      expect(map.map[p]).toBeCloseTo(cam, 5);
    }
  });

  it('explains what to do when the model has no intermediate activations', async () => {
    const method = await gradCamPlugin.create({ layer: 'features', masksPerBatch: 0 }, { baseDir: '.', seed: 1 });
    const { intermediate: _omit, ...withoutIntermediate } = toy;
    await expect(method.explain([jobs[0]], makeContext(withoutIntermediate))).rejects.toThrow(/does not expose intermediate activations/);
  });

  it("says which option to set when the engine cannot pick a layer for 'auto'", async () => {
    const method = await gradCamPlugin.create(gradCamPlugin.defaults, { baseDir: '.', seed: 1 });
    await expect(method.explain([jobs[0]], makeContext(toy))).rejects.toThrow(/set options\.layer/);
  });

  it('passes on the engine error for an unknown layer', async () => {
    const method = await gradCamPlugin.create({ layer: 'nope', masksPerBatch: 0 }, { baseDir: '.', seed: 1 });
    await expect(method.explain([jobs[0]], makeContext(toy))).rejects.toThrow(/no intermediate named "nope"/);
  });
});

describe('RISE', () => {
  it('draws soft masks in [0, 1] whose mean is about the keep probability', () => {
    const masks = new RiseMaskGenerator(7, 0.5, 32, 32).next(createRandom('rise-test'), 400);
    expect(masks.every((v) => v >= 0 && v <= 1)).toBe(true);
    const mean = masks.reduce((a, b) => a + b) / masks.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('is the probability-weighted sum of its masks over N p, recomputed by hand', async () => {
    const method = await risePlugin.create({ masks: 20, cells: 4, keepProbability: 0.5, batch: 8 }, { baseDir: '.', seed: 1 });
    const ctx = makeContext(toy);
    const [map] = await method.explain([jobs[0]], ctx);
    const random = ctx.random({ ...jobs[0], key: `rise-masks:${jobs[0].sample.id}`, classIndex: -1 });
    const generator = new RiseMaskGenerator(4, 0.5, SIZE, SIZE);
    const x = modelInput(0);
    const plane = SIZE * SIZE;
    const expected = new Float64Array(plane);
    for (const count of [8, 8, 4]) {
      const masks = generator.next(random, count);
      for (let m = 0; m < count; m++) {
        const input = x.map((v, i) => v * masks[m * plane + (i % plane)]);
        const logit = (await toy.forward(input, 1))[jobs[0].classIndex];
        const p = 1 / (1 + Math.exp(-logit));
        for (let i = 0; i < plane; i++) expected[i] += (p * masks[m * plane + i]) / (20 * 0.5);
      }
    }
    for (const i of [0, 100, 255]) expect(map.map[i]).toBeCloseTo(expected[i], 5);
  });

  it('shares masks between the classes of one sample', async () => {
    const method = await risePlugin.create({ masks: 16, cells: 4, keepProbability: 0.5, batch: 16 }, { baseDir: '.', seed: 1 });
    const counting = createToyClassifier({ size: SIZE, classes: 5 });
    const sample = jobs[0].sample;
    const twoClasses = [0, 3].map((classIndex) => ({ sample, classIndex, key: `${sample.id}__${classIndex}` }));
    const maps = await method.explain(twoClasses, makeContext(counting));
    expect(counting.calls).toBe(1);
    expect(maps[0].map).not.toEqual(maps[1].map);
  });
});
