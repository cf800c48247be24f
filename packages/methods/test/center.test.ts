import { describe, expect, it } from 'vitest';
import { createRandom, type Classifier, type Job, type MethodContext, type Sample } from '@saliency-bench/core';
import { centerMap, centerPlugin } from '../src/center.js';

const sample = (id: string, width: number, height: number): Sample => ({
  id,
  image: new Float32Array(3 * width * height),
  width,
  height,
  labels: [0],
  objects: [],
});
const job = (s: Sample): Job => ({ sample: s, classIndex: 0, key: `${s.id}__0` });
const context = (model?: Classifier): MethodContext => ({
  model,
  random: (j) => createRandom(7, j.key, 'center'),
  signal: new AbortController().signal,
  batchSize: 4,
});
const argmax = (map: Float32Array) => map.reduce((best, v, i) => (v > map[best] ? i : best), 0);

describe('center baseline', () => {
  it('peaks at pixel (floor(H/2), floor(W/2)) for odd and even sizes', () => {
    expect(argmax(centerMap(5, 7, 0.25))).toBe(2 * 7 + 3);
    expect(argmax(centerMap(4, 6, 0.25))).toBe(2 * 6 + 3);
  });

  it('is exp(-d^2 / (2 sigma^2)) with sigma a fraction of the shorter side', () => {
    // 9x9, sigma 0.25*9 = 2.25: the pixel two rows above the centre has exp(-4 / 10.125)
    const map = centerMap(9, 9, 0.25);
    expect(map[4 * 9 + 4]).toBe(1);
    expect(map[2 * 9 + 4]).toBeCloseTo(Math.exp(-4 / 10.125), 6);
  });

  it("draws its map at the sample's own size, with a model or without, so its maximum is TorchRay's image centre", async () => {
    const method = await centerPlugin.create(centerPlugin.defaults, { baseDir: '.', seed: 0 });
    const [alone] = await method.explain([job(sample('a', 10, 6))], context());
    expect([alone.height, alone.width, alone.map.length]).toEqual([6, 10, 60]);
    const model = { info: { inputShape: [3, 8, 8] } } as unknown as Classifier;
    const [withModel] = await method.explain([job(sample('a', 353, 500))], context(model));
    expect([withModel.height, withModel.width]).toEqual([500, 353]);
    // TorchRay's centre of a 353x500 VOC image: x = 353 // 2 = 176, y = 500 // 2 = 250.
    expect(argmax(withModel.map)).toBe(250 * 353 + 176);
  });

  it('gives the same map alone or batched with other jobs', async () => {
    const method = await centerPlugin.create(centerPlugin.defaults, { baseDir: '.', seed: 0 });
    const a = job(sample('a', 12, 9));
    const [alone] = await method.explain([a], context());
    const batch = await method.explain([job(sample('b', 5, 5)), a], context());
    expect(batch[1].map).toEqual(alone.map);
    expect(centerPlugin.needsModel).toBe(false);
  });
});
