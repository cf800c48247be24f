/**
 * Extremal Perturbation (Fong, Patrick, Vedaldi, "Understanding Deep Networks via Extremal
 * Perturbations and Smooth Masks", ICCV 2019), following TorchRay's implementation: smooth masks
 * of fixed areas, blur-pyramid perturbation, SGD with momentum and a growing area constraint.
 */
import { defineMethod, type CleanPass } from '@saliency-bench/core';
import { throwIfAborted } from '../common/abort.js';
import { distortionProbs } from '../common/distortion-probs.js';
import { maskOptimisationMethod, type MaskGame, type MaskProblem } from '../common/mask-optimisation.js';
import { clampInPlace, type FloatArray } from '../math/floats.js';
import { gaussianFilter } from '../math/gaussian-filter.js';
import { SgdMomentum } from '../math/sgd-momentum.js';
import { BlurPyramid } from './blur-pyramid.js';
import { extremalPerturbationObjective, type EpEvaluation, type EpJobData } from './ep-objective.js';
import { epOptions, type ExtremalPerturbationOptions } from './ep-options.js';
import { SmoothMaskGenerator } from './smooth-mask-generator.js';

/** The objective's data, and the job's clean pass (the pyramid's sharp level is its input). */
type EpJob = EpJobData & { clean: CleanPass };

/** EP's "noise" is its jitter: the perturbed input mirrored on even steps. */
interface EpJitter {
  flip: boolean;
}

function epGame(settings: ExtremalPerturbationOptions, { classifier, channels, h, w, signal, cleanPasses }: MaskProblem): MaskGame<EpJob, EpJitter, EpEvaluation, Float32Array> {
  const generator = new SmoothMaskGenerator(h, w, settings.step, settings.sigma);
  const size = settings.areas.length * generator.inH * generator.inW;
  let regulWeight = settings.regulWeight;
  return {
    async prepare(jobs) {
      const clean = await cleanPasses();
      return jobs.map((job, j) => {
        throwIfAborted(signal);
        return { pyramid: new BlurPyramid(clean[j].input, channels, h, w, settings.levels, settings.maxBlur), target: job.classIndex, clean: clean[j] };
      });
    },
    init: () => new Float32Array(size).fill(1),
    optimiser: (length) => new SgdMomentum(length, settings.learningRate, settings.momentum, settings.momentum),
    noise: (_, step) => ({ flip: settings.jitter && step % 2 === 0 }),
    async objective(model, data, params, jitters) {
      const evaluations = await extremalPerturbationObjective(model, data, params, settings, generator, regulWeight, jitters[0].flip);
      regulWeight *= settings.regulGrowth;
      return evaluations;
    },
    // Like TorchRay, the result is the mask generated at the start of the last step: the sum over areas.
    final(_, __, last) {
      const sum = new Float32Array(h * w);
      for (const mask of last?.masks ?? []) for (let i = 0; i < sum.length; i++) sum[i] += mask[i];
      return sum;
    },
    // The class distortion score's inputs go through EP's own perturbation (the blur pyramid):
    // the salient region blurred away (mask 1 - s) or kept alone (mask s), s = the summed masks in [0, 1].
    distortion: (data, sums) =>
      distortionProbs(
        classifier,
        data.map((d) => d.clean),
        data.map(({ pyramid }, j) => {
          const kept = Float32Array.from(sums[j]);
          clampInPlace(kept, 0, 1);
          const removed = Float32Array.from(kept, (v) => 1 - v);
          const [perturbed, preserved] = [new Float32Array(channels * h * w), new Float32Array(channels * h * w)];
          pyramid.apply(removed, perturbed, 0);
          pyramid.apply(kept, preserved, 0);
          return { perturbed, preserved };
        }),
      ),
    map(sum) {
      const map: FloatArray = settings.smooth > 0 ? gaussianFilter(sum, 1, h, w, settings.smooth * Math.min(h, w), 'zero') : sum;
      return Float32Array.from(map);
    },
  };
}

export const extremalPerturbationPlugin = defineMethod<ExtremalPerturbationOptions>({
  ...epOptions,
  version: '1',
  description: 'Extremal Perturbation (Fong et al., ICCV 2019) as in TorchRay: smooth fixed-area masks over a blur pyramid.',
  needsModel: true,
  outputs: ['map', 'probs'],
  create: (options) => maskOptimisationMethod('ep', options, (problem) => epGame(options, problem)),
});
