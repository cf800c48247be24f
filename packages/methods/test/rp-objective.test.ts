import { rowProbabilities, createRandom, Resampler } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { robustPerturbationObjective, type RpJobData, type RpNoise } from '../src/rp/rp-objective.js';
import { centralDifference, interiorMask, probeIndices } from './helpers/finite-differences.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

async function setup(activation: 'sigmoid' | 'softmax') {
  const toy = createToyClassifier({ size: 10, classes: 4, activation });
  const model = toy.float64;
  const random = createRandom('rp-objective-test', activation);
  const image = () => Float32Array.from({ length: 300 }, () => random.normal());
  const jobs: RpJobData[] = [0, 1].map((target) => ({ x: image(), baseline: image(), clean: new Float64Array(0), target }));
  for (const job of jobs) job.clean = rowProbabilities(await model.forward(Float64Array.from(job.x), 1), 0, 4, activation);
  const noise = (): RpNoise => ({
    perturbed: Float64Array.from({ length: 300 }, () => 0.2 * random.normal()),
    preserved: Float64Array.from({ length: 300 }, () => 0.2 * random.normal()),
  });
  const geometry = { channels: 3, maskSize: 7, resampler: new Resampler(7, 7, 10, 10, 'bilinear') };
  const weights = { l1Weight: 5, tvWeight: 20, tvBeta: 2 };
  return { model, jobs, noises: [noise(), noise()], geometry, weights };
}

describe('Robust Perturbation objective', () => {
  for (const activation of ['sigmoid', 'softmax'] as const) {
    it(`matches float64 finite differences for a ${activation} model with fixed noise and a resampled mask`, async () => {
      const { model, jobs, noises, geometry, weights } = await setup(activation);
      const masks = [interiorMask(49, 1), interiorMask(49, 2)];
      const evaluations = await robustPerturbationObjective(model, jobs, masks, noises, weights, geometry);
      for (const j of [0, 1]) {
        const lossOf = async (mask: Float64Array) => {
          const others = masks.map((m, i) => (i === j ? mask : m));
          return (await robustPerturbationObjective(model, jobs, others, noises, weights, geometry))[j].loss;
        };
        for (const index of probeIndices(49, 6)) {
          const numeric = await centralDifference(lossOf, masks[j], index);
          expect(evaluations[j].gradient[index]).toBeCloseTo(numeric, 6);
        }
      }
    });
  }

  it('adds up the reference loss terms by hand for one job', async () => {
    const { model, jobs, geometry } = await setup('sigmoid');
    const mask = new Float64Array(49).fill(0.5);
    const [evaluation] = await robustPerturbationObjective(model, [jobs[0]], [mask], [null], { l1Weight: 5, tvWeight: 20, tvBeta: 2 }, geometry);
    const p = jobs[0].clean;
    const q1 = evaluation.perturbed;
    const q2 = evaluation.preserved;
    const bd = (a: number, b: number) => Math.log2(Math.abs(a - b) + 1);
    const nt = [1, 2, 3];
    const expected =
      -bd(p[0], q1[0]) +
      nt.reduce((s, k) => s + bd(p[k], q1[k]), 0) / 3 +
      5 * 0.5 +
      bd(p[0], q2[0]) +
      nt.reduce((s, k) => s + Math.log2(q2[k] + 1), 0) / 3;
    // A constant mask has zero total variation.
    expect(evaluation.loss).toBeCloseTo(expected, 12);
  });
});
