import { describe, expect, it } from 'vitest';
import { createRandom, type Job, type MethodContext, type Sample } from '@saliency-bench/core';
import { randomPlugin } from '../src/random.js';

const sample = (id: string): Sample => ({ id, image: new Float32Array(3 * 20 * 16), width: 16, height: 20, labels: [0], objects: [] });
const job = (id: string, classIndex = 0): Job => ({ sample: sample(id), classIndex, key: `${id}__${classIndex}` });
const context = (seed: number): MethodContext => ({
  random: (j) => createRandom(seed, j.key, 'random'),
  signal: new AbortController().signal,
  batchSize: 4,
});

describe('random baseline', () => {
  it('draws uniform values in [0, 1) at the sample size', async () => {
    const method = await randomPlugin.create({}, { baseDir: '.', seed: 1 });
    const [a] = await method.explain([job('x')], context(1));
    expect([a.height, a.width, a.map.length]).toEqual([20, 16, 320]);
    expect(a.map.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = a.map.reduce((s, v) => s + v, 0) / a.map.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.06);
  });

  it('is deterministic for a seed, differs across seeds and across jobs', async () => {
    const method = await randomPlugin.create({}, { baseDir: '.', seed: 1 });
    const [a] = await method.explain([job('x')], context(1));
    const [b] = await method.explain([job('x')], context(1));
    const [c] = await method.explain([job('x')], context(2));
    const [d] = await method.explain([job('x', 1)], context(1));
    expect(b.map).toEqual(a.map);
    expect(c.map).not.toEqual(a.map);
    expect(d.map).not.toEqual(a.map);
  });

  it('gives the same map alone or batched with other jobs', async () => {
    const method = await randomPlugin.create({}, { baseDir: '.', seed: 1 });
    const [alone] = await method.explain([job('x')], context(3));
    const batch = await method.explain([job('y'), job('z'), job('x')], context(3));
    expect(batch[2].map).toEqual(alone.map);
  });
});
