/**
 * The mask-optimisation core's skeleton, driven by a hand-checkable game: the objective is
 * L = sum (m - t)^2 with a plain gradient step, so every step's masks are known in closed form.
 */
import type { Job, Random } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { optimiseMasks, type MaskGame } from '../src/common/mask-optimisation.js';
import { makeContext, makeJobs } from './helpers/fixtures.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

interface Trace {
  noises: number[][];
  calls: string[];
}

/** Targets t = [-1, 0.25, 2] per job; step m -= 0.25 * dL/dm = m - 0.5 (m - t). */
function quadraticGame(trace: Trace): MaskGame<{ key: string }, number, { gradient: Float32Array }, Float32Array> {
  const target = Float32Array.of(-1, 0.25, 2);
  return {
    prepare: (jobs: readonly Job[]) => jobs.map((job) => ({ key: job.key })),
    init: () => Float32Array.of(0.5, 0.5, 0.5),
    optimiser: () => ({ step: (params, gradient) => params.forEach((v, i) => (params[i] = v - 0.25 * gradient[i])) }),
    noise(random: Random, step: number) {
      const value = random.uniform();
      (trace.noises[step] ??= []).push(value);
      return value;
    },
    async objective(_engine, data, masks) {
      trace.calls.push(`objective(${data.length})`);
      return masks.map((mask) => ({ gradient: Float32Array.from(mask, (m, i) => 2 * (m - target[i])) }));
    },
    final: (_data, mask) => Float32Array.from(mask),
    async distortion(data) {
      trace.calls.push(`distortion(${data.length})`);
      return data.map(() => ({ clean: Float32Array.of(1) }));
    },
    map: (final) => final,
  };
}

describe('the mask-optimisation core', () => {
  const model = createToyClassifier({ size: 3, classes: 5 });
  const jobs = makeJobs(2, 3, 5);

  it('steps, clamps to [0, 1] and maps the final masks after one distortion pass', async () => {
    const trace: Trace = { noises: [], calls: [] };
    const results = await optimiseMasks(jobs, makeContext(model), 'quadratic', 3, () => quadraticGame(trace));
    // m -> m - 0.5 (m - t) from 0.5: entry 0 goes to -0.25 (clamped 0), 0; entry 1 halves its gap to 0.25; entry 2 clamps at 1.
    const expected = [0, 0.25 + 0.25 / 8, 1];
    for (const result of results) {
      expect(result.map).toHaveLength(3);
      expected.forEach((value, i) => expect(result.map[i]).toBeCloseTo(value, 6));
      expect([result.width, result.height]).toEqual([3, 3]);
      expect(Array.from(result.probs!.clean)).toEqual([1]);
    }
    expect(trace.calls).toEqual(['objective(2)', 'objective(2)', 'objective(2)', 'distortion(2)']);
  });

  it("draws each step's noise from the job's own stream, so a job alone sees the same numbers", async () => {
    const batched: Trace = { noises: [], calls: [] };
    const alone: Trace = { noises: [], calls: [] };
    await optimiseMasks(jobs, makeContext(model), 'quadratic', 2, () => quadraticGame(batched));
    await optimiseMasks([jobs[1]], makeContext(model), 'quadratic', 2, () => quadraticGame(alone));
    const ownStream = makeContext(model).random(jobs[1]);
    expect(alone.noises.map((step) => step[0])).toEqual([ownStream.uniform(), ownStream.uniform()]);
    expect(batched.noises.map((step) => step[1])).toEqual(alone.noises.map((step) => step[0]));
  });

  it('refuses a job whose class the model does not have, naming the method and the job', async () => {
    const bad = [{ ...jobs[0], classIndex: 9, key: 'bad__9' }];
    await expect(optimiseMasks(bad, makeContext(model), 'quadratic', 1, () => quadraticGame({ noises: [], calls: [] }))).rejects.toThrow(
      /quadratic: job bad__9 asks for class 9; model .* has 5 classes/,
    );
  });

  it('stops before the next step once the run is aborted', async () => {
    const controller = new AbortController();
    const trace: Trace = { noises: [], calls: [] };
    const game = quadraticGame(trace);
    const objective = game.objective;
    game.objective = async (...args) => {
      controller.abort(new Error('stop'));
      return objective(...args);
    };
    await expect(optimiseMasks(jobs, makeContext(model, { signal: controller.signal }), 'quadratic', 5, () => game)).rejects.toThrow('stop');
    expect(trace.calls).toEqual(['objective(2)']);
  });
});
