/**
 * Extremal Perturbation (Fong, Patrick, Vedaldi, "Understanding Deep Networks via Extremal
 * Perturbations and Smooth Masks", ICCV 2019), following TorchRay's implementation: smooth masks
 * of fixed areas, blur-pyramid perturbation, SGD with momentum and a growing area constraint.
 */
import { defineMethod, type Attribution, type Job, type MethodContext } from '@saliency-bench/core';
import { throwIfAborted } from '../common/abort.js';
import { differentiable } from '../common/differentiable-model.js';
import { distortionProbs } from '../common/distortion-probs.js';
import { explainInBatches } from '../common/job-batches.js';
import { modelImage } from '../common/model-image.js';
import { requireModel } from '../common/require-model.js';
import { clampInPlace, type FloatArray } from '../math/floats.js';
import { gaussianFilter } from '../math/gaussian-filter.js';
import { SgdMomentum } from '../math/sgd-momentum.js';
import { BlurPyramid } from './blur-pyramid.js';
import { extremalPerturbationObjective, type EpJobData } from './ep-objective.js';
import { epDefaults, epSchema, resolveEpOptions, type ExtremalPerturbationOptions } from './ep-options.js';
import { SmoothMaskGenerator } from './smooth-mask-generator.js';

type Settings = Required<ExtremalPerturbationOptions>;

async function explainBatch(jobs: Job[], ctx: MethodContext, settings: Settings): Promise<Attribution[]> {
  const classifier = requireModel(ctx, 'ep');
  const model = differentiable(classifier);
  const [channels, h, w] = classifier.info.inputShape;
  const generator = new SmoothMaskGenerator(h, w, settings.step, settings.sigma);
  const data: EpJobData[] = jobs.map((job) => {
    if (!(job.classIndex >= 0 && job.classIndex < model.classes)) {
      throw new Error(`ep: job ${job.key} asks for class ${job.classIndex}; model ${classifier.info.name} has ${model.classes} classes`);
    }
    throwIfAborted(ctx.signal);
    const { x } = modelImage(job.sample, classifier.info);
    return { pyramid: new BlurPyramid(x, channels, h, w, settings.levels, settings.maxBlur), target: job.classIndex };
  });
  const size = settings.areas.length * generator.inH * generator.inW;
  const params = jobs.map(() => new Float32Array(size).fill(1));
  const optimisers = jobs.map(() => new SgdMomentum(size, settings.learningRate, settings.momentum, settings.momentum));
  let regulWeight = settings.regulWeight;
  let last: FloatArray[][] = [];
  for (let step = 0; step < settings.iterations; step++) {
    throwIfAborted(ctx.signal);
    const flip = settings.jitter && step % 2 === 0;
    const evaluations = await extremalPerturbationObjective(model, data, params, settings, generator, regulWeight, flip);
    evaluations.forEach((evaluation, j) => {
      optimisers[j].step(params[j], evaluation.gradient);
      clampInPlace(params[j], 0, 1);
    });
    // Like TorchRay, the result is the mask generated at the start of the last step.
    last = evaluations.map((evaluation) => evaluation.masks);
    regulWeight *= settings.regulGrowth;
  }
  throwIfAborted(ctx.signal);
  const sums = last.map((masks) => {
    const sum = new Float32Array(h * w);
    for (const mask of masks) for (let i = 0; i < sum.length; i++) sum[i] += mask[i];
    return sum;
  });
  // The class distortion score's inputs go through EP's own perturbation (the blur pyramid):
  // the salient region blurred away (mask 1 - s) or kept alone (mask s), s = the summed masks in [0, 1].
  const probs = await distortionProbs(classifier, data.map(({ pyramid }, j) => {
    const kept = Float32Array.from(sums[j]);
    clampInPlace(kept, 0, 1);
    const removed = Float32Array.from(kept, (v) => 1 - v);
    const [perturbed, preserved] = [new Float32Array(channels * h * w), new Float32Array(channels * h * w)];
    pyramid.apply(removed, perturbed, 0);
    pyramid.apply(kept, preserved, 0);
    return { clean: pyramid.levels[pyramid.levels.length - 1], perturbed, preserved };
  }));
  return sums.map((sum, j) => {
    const map: FloatArray = settings.smooth > 0 ? gaussianFilter(sum, 1, h, w, settings.smooth * Math.min(h, w), 'zero') : sum;
    return { map: Float32Array.from(map), height: h, width: w, probs: probs[j] };
  });
}

export const extremalPerturbationPlugin = defineMethod<ExtremalPerturbationOptions>({
  name: 'ep',
  version: '1',
  description: 'Extremal Perturbation (Fong et al., ICCV 2019) as in TorchRay: smooth fixed-area masks over a blur pyramid.',
  needsModel: true,
  schema: epSchema,
  defaults: epDefaults,
  create(options) {
    const settings = resolveEpOptions(options);
    return {
      explain: (jobs, ctx) => explainInBatches(jobs, ctx, settings.masksPerBatch, (batch, batchCtx) => explainBatch(batch, batchCtx, settings)),
    };
  },
});
