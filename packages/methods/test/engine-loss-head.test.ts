import { rowProbabilities, createRandom, Resampler, type Classifier } from '@saliency-bench/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differentiable } from '../src/common/differentiable-model.js';
import { BlurPyramid } from '../src/ep/blur-pyramid.js';
import { extremalPerturbationObjective } from '../src/ep/ep-objective.js';
import { SmoothMaskGenerator } from '../src/ep/smooth-mask-generator.js';
import { meaningfulPerturbationObjective } from '../src/mp/mp-objective.js';
import { mpPresets } from '../src/mp/mp-options.js';
import { robustPerturbationObjective, type RpJobData } from '../src/rp/rp-objective.js';
import { loadOnnxCnn } from './helpers/onnx-cnn.js';

const SIZE = 12;
const CLASSES = 4;
let sigmoid: Classifier;
let softmax: Classifier;

beforeAll(async () => {
  sigmoid = await loadOnnxCnn({ size: SIZE, classes: CLASSES, activation: 'sigmoid', seed: 'head-sigmoid' });
  softmax = await loadOnnxCnn({ size: SIZE, classes: CLASSES, activation: 'softmax', seed: 'head-softmax' });
});

afterAll(async () => {
  await sigmoid?.dispose();
  await softmax?.dispose();
});

/** The model with its calls counted by kind. */
function counted(model: Classifier) {
  const calls: string[] = [];
  const wrapped: Classifier = {
    info: model.info,
    forward: (x, n) => (calls.push('forward'), model.forward(x, n)),
    vjp: (x, n, g) => (calls.push('vjp'), model.vjp(x, n, g)),
    vjpWithHead: (x, n, head) => (calls.push('vjpWithHead'), model.vjpWithHead!(x, n, head)),
    dispose: async () => {},
  };
  return { wrapped, calls };
}

const random = createRandom('engine-loss-head-test');
const image = (length: number) => Float32Array.from({ length }, () => random.normal());
const mask = (length: number) => Float32Array.from({ length }, () => random.uniform());

/**
 * Runs `objective` on both paths. The CPU head computes in float64 in the JavaScript evaluation's
 * order, so the gradients agree bit for bit (the maps of Adam-driven RP depend on that).
 */
async function bothPaths<T extends { loss: number; gradient: ArrayLike<number> }>(model: Classifier, objective: (m: ReturnType<typeof differentiable>) => Promise<T[]>) {
  const one = counted(model);
  const two = counted(model);
  const oneCall = await objective(differentiable(one.wrapped));
  const twoCalls = await objective(differentiable(two.wrapped, { oneCall: false }));
  expect(one.calls).toEqual(['vjpWithHead']);
  expect(two.calls).toEqual(['forward', 'vjp']);
  oneCall.forEach((evaluation, j) => {
    const reference = twoCalls[j];
    expect(evaluation.gradient).toEqual(reference.gradient);
    expect(evaluation.loss).toBeCloseTo(reference.loss, 5);
  });
}

describe('one engine call per optimisation step (the loss head in the ONNX backward graph)', () => {
  it("gives RP's two-call gradients and loss in one vjpWithHead call", async () => {
    const size = 3 * SIZE * SIZE;
    const clean = async (x: Float32Array) => rowProbabilities(await sigmoid.forward(x, 1), 0, CLASSES, 'sigmoid');
    const jobs: RpJobData[] = [];
    for (const target of [0, 2]) {
      const x = image(size);
      jobs.push({ x, baseline: image(size), clean: await clean(x), target });
    }
    const geometry = { channels: 3, maskSize: 6, resampler: new Resampler(6, 6, SIZE, SIZE, 'bilinear') };
    const masks = [mask(36), mask(36)];
    const noises = [0, 1].map(() => ({ perturbed: image(size).map((v) => 0.2 * v), preserved: image(size).map((v) => 0.2 * v) }));
    await bothPaths(sigmoid, (model) => robustPerturbationObjective(model, jobs, masks, noises, { l1Weight: 5, tvWeight: 20, tvBeta: 2 }, geometry));
  });

  it("gives MP's two-call gradients and loss in one call", async () => {
    const padded = 3 * (SIZE + 2) * (SIZE + 2);
    const jobs = [1, 3].map((target) => ({ x: image(padded), baseline: image(padded), target }));
    const geometry = { channels: 3, h: SIZE, w: SIZE, jitter: 2, maskH: 4, maskW: 4, resampler: new Resampler(4, 4, SIZE, SIZE, 'bilinear-align-corners') };
    const steps = [{ offsetY: 1, offsetX: 0, maskNoise: null, inputNoise: null }, { offsetY: 0, offsetX: 2, maskNoise: null, inputNoise: null }];
    const masks = [mask(16), mask(16)];
    await bothPaths(softmax, (model) => meaningfulPerturbationObjective(model, jobs, masks, steps, mpPresets['pytorch-port'], geometry));
  });

  for (const [score, classifier] of [['probability', () => softmax], ['logit', () => sigmoid]] as const) {
    it(`gives EP's two-call gradients and loss in one call (dual game, contrastive reward on the ${score})`, async () => {
      const jobs = [0, 3].map((target) => ({ pyramid: new BlurPyramid(image(3 * SIZE * SIZE), 3, SIZE, SIZE, 4, 3), target }));
      const generator = new SmoothMaskGenerator(SIZE, SIZE, 4, 5);
      const settings = { areas: [0.1, 0.4], variant: 'dual', reward: 'contrastive', score } as const;
      const params = [0, 1].map(() => mask(2 * generator.inH * generator.inW));
      await bothPaths(classifier(), (model) => extremalPerturbationObjective(model, jobs, params, settings, generator, 30, true));
    });
  }
});
