import { createRandom } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { BlurPyramid } from '../src/ep/blur-pyramid.js';
import { extremalPerturbationObjective, type EpSettings } from '../src/ep/ep-objective.js';
import { SmoothMaskGenerator } from '../src/ep/smooth-mask-generator.js';
import { centralDifference, interiorMask, probeIndices } from './helpers/finite-differences.js';
import { createToyClassifier } from './helpers/toy-classifier.js';

const SIZE = 10;

function setup(activation: 'sigmoid' | 'softmax') {
  const model = createToyClassifier({ size: SIZE, classes: 4, activation }).float64;
  const random = createRandom('ep-objective-test');
  const image = () => Float32Array.from({ length: 3 * SIZE * SIZE }, () => random.normal());
  const jobs = [1, 3].map((target) => ({ pyramid: new BlurPyramid(image(), 3, SIZE, SIZE, 4, 3), target }));
  const generator = new SmoothMaskGenerator(SIZE, SIZE, 4, 5);
  return { model, jobs, generator };
}

describe('Extremal Perturbation objective', () => {
  const cases: [string, EpSettings, 'sigmoid' | 'softmax', boolean][] = [
    ['the preservation game on logits, jittered', { areas: [0.2, 0.5], variant: 'preserve', reward: 'simple', score: 'logit' }, 'sigmoid', true],
    ['the deletion game on probabilities', { areas: [0.3], variant: 'delete', reward: 'simple', score: 'probability' }, 'softmax', false],
    ['the dual game with the contrastive reward', { areas: [0.1, 0.4], variant: 'dual', reward: 'contrastive', score: 'logit' }, 'softmax', true],
  ];
  for (const [label, settings, activation, flip] of cases) {
    it(`matches float64 finite differences for ${label}`, async () => {
      const { model, jobs, generator } = setup(activation);
      const size = settings.areas.length * generator.inH * generator.inW;
      const params = [interiorMask(size, 5), interiorMask(size, 6)];
      const evaluations = await extremalPerturbationObjective(model, jobs, params, settings, generator, 30, flip);
      for (const j of [0, 1]) {
        const lossOf = async (p: Float64Array) => {
          const all = params.map((q, i) => (i === j ? p : q));
          return (await extremalPerturbationObjective(model, jobs, all, settings, generator, 30, flip))[j].loss;
        };
        for (const index of probeIndices(size, 6)) {
          const numeric = await centralDifference(lossOf, params[j], index);
          expect(Math.abs(evaluations[j].gradient[index] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
        }
      }
    });
  }
});
