/**
 * The conformance suite every method passes: map shape and finiteness, determinism for a fixed
 * seed, batch invariance (alone vs inside a batch of 8), prompt abort, nothing left running.
 */
import type { Classifier, Job, MethodPlugin } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { makeContext, makeJobs } from './helpers/fixtures.js';
import { createToyClassifier, type ToyClassifier } from './helpers/toy-classifier.js';

export interface ConformanceCase {
  name: string;
  plugin: () => Promise<MethodPlugin<any>>;
  /** Small settings that keep the suite fast. */
  options: Record<string, unknown>;
}

const SIZE = 16;
const CLASSES = 5;

async function explain(testCase: ConformanceCase, model: Classifier, jobs: Job[], batchSize: number, options = testCase.options) {
  const plugin = await testCase.plugin();
  const method = await plugin.create({ ...plugin.defaults, ...options, masksPerBatch: batchSize }, { baseDir: '.', seed: 777 });
  try {
    return await method.explain(jobs, makeContext(model, { batchSize }));
  } finally {
    await method.dispose?.();
  }
}

/** A classifier that aborts `controller` once it has served `after` calls. */
function abortingAfter(toy: ToyClassifier, controller: AbortController, after: number): Classifier {
  const count = () => {
    if (toy.calls >= after) controller.abort();
  };
  return {
    ...toy,
    forward: async (x, n) => {
      const out = await toy.forward(x, n);
      count();
      return out;
    },
    vjp: async (x, n, g) => {
      const out = await toy.vjp(x, n, g);
      count();
      return out;
    },
    intermediate: async (x, n, layer, g) => {
      const out = await toy.intermediate!(x, n, layer, g);
      toy.calls++;
      count();
      return out;
    },
  };
}

export function describeConformance(testCase: ConformanceCase): void {
  describe(`method ${testCase.name} conformance`, () => {
    const jobs = makeJobs(8, SIZE, CLASSES);

    it('returns one finite map per job at the model input resolution', async () => {
      const toy = createToyClassifier({ size: SIZE, classes: CLASSES });
      const maps = await explain(testCase, toy, jobs.slice(0, 3), 3);
      expect(maps).toHaveLength(3);
      for (const a of maps) {
        expect([a.height, a.width]).toEqual([SIZE, SIZE]);
        expect(a.map).toBeInstanceOf(Float32Array);
        expect(a.map).toHaveLength(SIZE * SIZE);
        expect(a.map.every(Number.isFinite)).toBe(true);
      }
      // Not a constant map: the method reacted to the image.
      expect(new Set(maps[0].map).size).toBeGreaterThan(1);
      expect(toy.inFlight).toBe(0);
      expect(toy.disposed).toBe(false);
    });

    it('gives the same maps twice for the same seed', async () => {
      const first = await explain(testCase, createToyClassifier({ size: SIZE, classes: CLASSES }), jobs.slice(0, 2), 2);
      const second = await explain(testCase, createToyClassifier({ size: SIZE, classes: CLASSES }), jobs.slice(0, 2), 2);
      expect(second.map((a) => Array.from(a.map))).toEqual(first.map((a) => Array.from(a.map)));
    });

    it('keeps a map the same whether the job runs alone or inside a batch of 8', async () => {
      const toy = createToyClassifier({ size: SIZE, classes: CLASSES });
      const batched = await explain(testCase, toy, jobs, 8);
      for (const index of [0, 5]) {
        const [alone] = await explain(testCase, toy, [jobs[index]], 1);
        const difference = alone.map.reduce((max, v, i) => Math.max(max, Math.abs(v - batched[index].map[i])), 0);
        expect(difference).toBeLessThanOrEqual(1e-6);
      }
    });

    it('stops promptly with an AbortError when the run is cancelled', async () => {
      const toy = createToyClassifier({ size: SIZE, classes: CLASSES });
      const controller = new AbortController();
      const model = abortingAfter(toy, controller, 1);
      const plugin = await testCase.plugin();
      const options = { ...plugin.defaults, ...testCase.options, masksPerBatch: 2 };
      const method = await plugin.create(options, { baseDir: '.', seed: 777 });
      const run = method.explain(jobs.slice(0, 4), { ...makeContext(model, { batchSize: 2 }), signal: controller.signal });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      // At most one call after the one that triggered the abort.
      expect(toy.calls).toBeLessThanOrEqual(3);
      expect(toy.inFlight).toBe(0);
      await method.dispose?.();
    });
  });
}
