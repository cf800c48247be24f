/**
 * The conformance suite every method passes: map shape and finiteness, determinism for a fixed
 * seed, batch invariance (alone vs inside a batch of 8), prompt abort, nothing left running.
 */
import type { Classifier, Job, MethodPlugin } from '@saliency-bench/core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeContext, makeJobs } from './helpers/fixtures.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

export interface ConformanceCase {
  name: string;
  /** The model to explain (default: the hand-written toy). */
  model?: (size: number, classes: number) => Promise<Classifier>;
  plugin: () => Promise<MethodPlugin<any>>;
  /** Small settings that keep the suite fast. */
  options: Record<string, unknown>;
}

const SIZE = 16;
const CLASSES = 5;

async function explain(testCase: ConformanceCase, model: Classifier, jobs: Job[], batchSize: number, options = testCase.options) {
  const plugin = await testCase.plugin();
  const method = await plugin.create({ ...plugin.defaults, ...options, ...batching(plugin, batchSize) }, { baseDir: '.', seed: 777 });
  try {
    return await method.explain(jobs, makeContext(model, { batchSize }));
  } finally {
    await method.dispose?.();
  }
}

/** `masksPerBatch` for the methods that have it (options are validated: others would refuse it). */
function batching(plugin: MethodPlugin<any>, masksPerBatch: number): { masksPerBatch?: number } {
  return 'masksPerBatch' in ((plugin.schema.properties ?? {}) as object) ? { masksPerBatch } : {};
}

interface Counted extends Classifier {
  calls: number;
  inFlight: number;
  disposed: boolean;
}

/** Wraps a classifier to count its calls and those still running; aborts `controller` after `abortAfter` calls. */
function counted(model: Classifier, controller?: AbortController, abortAfter = Infinity): Counted {
  const wrapped: Counted = {
    info: model.info,
    calls: 0,
    inFlight: 0,
    disposed: false,
    forward: (x, n) => track(() => model.forward(x, n)),
    vjp: (x, n, g) => track(() => model.vjp(x, n, g)),
    dispose: async () => {
      wrapped.disposed = true;
    },
  };
  if (model.intermediate) wrapped.intermediate = (x, n, layer, g) => track(() => model.intermediate!(x, n, layer, g));
  async function track<T>(call: () => Promise<T>): Promise<T> {
    wrapped.calls++;
    wrapped.inFlight++;
    try {
      return await call();
    } finally {
      wrapped.inFlight--;
      if (wrapped.calls >= abortAfter) controller?.abort();
    }
  }
  return wrapped;
}

export function describeConformance(testCase: ConformanceCase): void {
  describe(`method ${testCase.name} conformance`, () => {
    const jobs = makeJobs(8, SIZE, CLASSES);
    let base: Classifier;
    const fresh = async () => (base ??= await (testCase.model ?? (async (size, classes) => createToyClassifier({ size, classes })))(SIZE, CLASSES));
    afterAll(async () => base?.dispose());

    it('returns one finite map per job at the model input resolution', async () => {
      const model = counted(await fresh());
      const maps = await explain(testCase, model, jobs.slice(0, 3), 3);
      expect(maps).toHaveLength(3);
      for (const a of maps) {
        expect([a.height, a.width]).toEqual([SIZE, SIZE]);
        expect(a.map).toBeInstanceOf(Float32Array);
        expect(a.map).toHaveLength(SIZE * SIZE);
        expect(a.map.every(Number.isFinite)).toBe(true);
      }
      // Not a constant map: the method reacted to the image.
      expect(new Set(maps[0].map).size).toBeGreaterThan(1);
      expect(model.inFlight).toBe(0);
      expect(model.disposed).toBe(false);
    });

    it('gives the same maps twice for the same seed', async () => {
      const first = await explain(testCase, await fresh(), jobs.slice(0, 2), 2);
      const second = await explain(testCase, await fresh(), jobs.slice(0, 2), 2);
      expect(second.map((a) => Array.from(a.map))).toEqual(first.map((a) => Array.from(a.map)));
    });

    it('keeps a map the same whether the job runs alone or inside a batch of 8', async () => {
      const model = await fresh();
      const batched = await explain(testCase, model, jobs, 8);
      for (const index of [0, 5]) {
        const [alone] = await explain(testCase, model, [jobs[index]], 1);
        const difference = alone.map.reduce((max, v, i) => Math.max(max, Math.abs(v - batched[index].map[i])), 0);
        expect(difference).toBeLessThanOrEqual(1e-6);
      }
    });

    it('stops promptly with an AbortError when the run is cancelled', async () => {
      const controller = new AbortController();
      const model = counted(await fresh(), controller, 1);
      const plugin = await testCase.plugin();
      const options = { ...plugin.defaults, ...testCase.options, ...batching(plugin, 2) };
      const method = await plugin.create(options, { baseDir: '.', seed: 777 });
      const run = method.explain(jobs.slice(0, 4), { ...makeContext(model, { batchSize: 2 }), signal: controller.signal });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      // At most one call after the one that triggered the abort.
      expect(model.calls).toBeLessThanOrEqual(3);
      expect(model.inFlight).toBe(0);
      await method.dispose?.();
    });
  });
}
