import { createRandom, Resampler, type ResampleMode } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { meaningfulPerturbationObjective, type MpGeometry, type MpStepNoise, type MpWeights } from '../src/mp/mp-objective.js';
import { mpPresets } from '../src/mp/mp-options.js';
import { centralDifference, interiorMask, probeIndices } from './helpers/finite-differences.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

const SIZE = 8;
const JITTER = 2;

function setup(upsample: ResampleMode, activation: 'sigmoid' | 'softmax') {
  const model = createToyClassifier({ size: SIZE, classes: 3, activation }).float64;
  const random = createRandom('mp-objective-test', upsample);
  const padded = 3 * (SIZE + JITTER) * (SIZE + JITTER);
  const image = () => Float32Array.from({ length: padded }, () => random.normal());
  const jobs = [0, 2].map((target) => ({ x: image(), baseline: image(), target }));
  const geometry: MpGeometry = { channels: 3, h: SIZE, w: SIZE, jitter: JITTER, maskH: 4, maskW: 4, resampler: new Resampler(4, 4, SIZE, SIZE, upsample) };
  const steps: MpStepNoise[] = [
    { offsetY: 1, offsetX: 0, maskNoise: null, inputNoise: Float64Array.from({ length: 3 * SIZE * SIZE }, () => 0.2 * random.normal()) },
    { offsetY: 0, offsetX: 1, maskNoise: null, inputNoise: null },
  ];
  return { model, jobs, geometry, steps };
}

describe('Meaningful Perturbation objective', () => {
  const cases: [string, ResampleMode, 'sigmoid' | 'softmax', MpWeights][] = [
    ['official settings (nearest upsampling, blurred mask, isotropic summed TV)', 'nearest', 'softmax', { ...mpPresets.official, maskBlur: 1.5 }],
    ['PyTorch-port settings (bilinear align-corners, anisotropic mean TV)', 'bilinear-align-corners', 'sigmoid', mpPresets['pytorch-port']],
  ];
  for (const [label, upsample, activation, weights] of cases) {
    it(`matches float64 finite differences with the ${label}`, async () => {
      const { model, jobs, geometry, steps } = setup(upsample, activation);
      // Stronger regularisers than the presets so every term shows in the gradient.
      const strong = { ...weights, l1Weight: weights.l1Weight * 50, tvWeight: weights.tvWeight * 20 };
      const masks = [interiorMask(16, 3), interiorMask(16, 4)];
      const evaluations = await meaningfulPerturbationObjective(model, jobs, masks, steps, strong, geometry);
      for (const j of [0, 1]) {
        const lossOf = async (mask: Float64Array) => {
          const all = masks.map((m, i) => (i === j ? mask : m));
          return (await meaningfulPerturbationObjective(model, jobs, all, steps, strong, geometry))[j].loss;
        };
        for (const index of probeIndices(16, 6)) {
          const numeric = await centralDifference(lossOf, masks[j], index);
          expect(Math.abs(evaluations[j].gradient[index] - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
        }
      }
    });
  }

  it('scores the target probability of the masked image', async () => {
    const { model, jobs, geometry, steps } = setup('nearest', 'softmax');
    const ones = new Float64Array(16).fill(1);
    const weights = { ...mpPresets.official, maskBlur: 0 };
    const [evaluation] = await meaningfulPerturbationObjective(model, [jobs[0]], [ones], [{ ...steps[1], offsetX: 0 }], weights, geometry);
    // A mask of ones keeps the (cropped) image: the loss is its target probability alone.
    const crop = new Float64Array(3 * SIZE * SIZE);
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < SIZE; y++)
        for (let x = 0; x < SIZE; x++) crop[c * SIZE * SIZE + y * SIZE + x] = jobs[0].x[(c * (SIZE + JITTER) + y) * (SIZE + JITTER) + x];
    const logits = await model.forward(crop, 1);
    const exps = Array.from(logits, Math.exp);
    expect(evaluation.loss).toBeCloseTo(exps[0] / exps.reduce((a, b) => a + b), 12);
  });
});
