/**
 * Behaviour: on a model whose evidence is known (class k = pixels of colour k, see
 * helpers/planted-evidence.ts) and scenes whose objects sit away from the centre, every method
 * points at the object more often than the center and random maps, scored with the real
 * pointing-game metric. Iterations are reduced to keep the suite fast (see `settings`).
 */
import type { Attribution, Job, MethodPlugin } from '@saliency-bench/core';
import { createRandom } from '@saliency-bench/core';
import { pointingAccuracy, pointingGamePlugin } from '@saliency-bench/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinMethods, type BuiltinMethodName } from '../src/builtins.js';
import { loadPlantedEvidenceModel, plantedJobs } from './helpers/planted-evidence.js';

/** Every built-in but the two reference maps (the floor every method must clear), keyed by name so none is missed. */
const settings = {
  rp: [{ iterations: 40, imageSize: 48 }],
  mp: [
    { preset: 'official', iterations: 40 },
    { preset: 'pytorch-port', iterations: 40 },
  ],
  // EP's geometry scaled from 224 px to this 48 px model (step 7 -> 2, sigma 21 -> 6, blur 20 -> 5),
  // with the benchmark's smoothing so the argmax sits in the middle of the preserved region.
  ep: [{ iterations: 80, step: 2, sigma: 6, maxBlur: 5, smooth: 0.09 }],
  rise: [{ masks: 400 }],
  gradcam: [{ layer: 'features' }],
  gradient: [{}],
} satisfies Record<Exclude<BuiltinMethodName, 'center' | 'random'>, Record<string, unknown>[]>;

describe('pointing game on a model with planted evidence', () => {
  const jobs: Job[] = plantedJobs(8);
  const scores = new Map<string, number>();
  let model: Awaited<ReturnType<typeof loadPlantedEvidenceModel>>;

  beforeAll(async () => {
    model = await loadPlantedEvidenceModel(48);
  });
  afterAll(async () => {
    await model.dispose();
    console.log('pointing accuracy (planted-evidence model, 8 scenes, 12 jobs):', Object.fromEntries(scores));
  });

  async function score(label: string, plugin: MethodPlugin<any>, options: Record<string, unknown>): Promise<number> {
    const method = await plugin.create({ ...plugin.defaults, ...options }, { baseDir: '.', seed: 777 });
    const maps: Attribution[] = await method.explain(jobs, {
      model,
      random: (job) => createRandom(777, job.key, label),
      signal: new AbortController().signal,
      batchSize: 6,
    });
    const metric = await pointingGamePlugin.create(pointingGamePlugin.defaults, { baseDir: '.', seed: 777 });
    const records = await Promise.all(jobs.map((job, i) => metric.evaluate(job, maps[i], { random: () => createRandom(0), signal: new AbortController().signal })));
    const done = records.filter((r) => r.state === 'done');
    expect(done).toHaveLength(jobs.length);
    const accuracy = pointingAccuracy(done);
    scores.set(label, accuracy);
    return accuracy;
  }

  it('leaves the center and random maps well below perfect on these scenes', async () => {
    const center = await score('center', await builtinMethods.center(), {});
    const random = await score('random', await builtinMethods.random(), {});
    expect(center).toBeLessThan(0.5);
    expect(random).toBeLessThan(0.5);
  });

  for (const [name, options] of Object.entries(settings).flatMap(([name, variants]) => variants.map((o) => [name, o] as [BuiltinMethodName, Record<string, unknown>]))) {
    const label = options.preset ? `${name} (${options.preset})` : name;
    it(`finds the planted object with ${label} more often than center and random`, async () => {
      const accuracy = await score(label, await builtinMethods[name](), options);
      expect(accuracy).toBeGreaterThan(Math.max(scores.get('center')!, scores.get('random')!) + 0.3);
      expect(accuracy).toBeGreaterThanOrEqual(0.7);
    }, 120_000);
  }
});
