/**
 * Robust Perturbation (Kim, Kim, Kim, Ro, IEEE TIP 31:301-313, 2021): a mask trained with Adam so
 * that deleting the masked region changes the target class and little else, while preserving it
 * keeps the target; both branches see fresh Gaussian noise each step. Map = 1 - m.
 */
import { defineMethod, type Attribution, type Job, type MethodContext } from '@saliency-bench/core';
import { throwIfAborted } from '../common/abort.js';
import { differentiable, type DifferentiableModel } from '../common/differentiable-model.js';
import { explainInBatches } from '../common/job-batches.js';
import { referenceBaseline } from '../common/reference-baseline.js';
import { requireModel } from '../common/require-model.js';
import { probabilities } from '../math/activation.js';
import { Adam } from '../math/adam.js';
import { clampInPlace } from '../math/floats.js';
import { MapResampler } from '../math/map-resampler.js';
import { robustPerturbationObjective, robustPerturbationProbabilities, type RpJobData, type RpNoise } from './rp-objective.js';
import { rpImages } from './rp-images.js';
import { drawRpNoise } from './rp-noise.js';
import { resolveRpSettings, rpDefaults, rpSchema, type RobustPerturbationOptions, type RpSettings } from './rp-options.js';

async function explainBatch(jobs: Job[], ctx: MethodContext, options: RpSettings): Promise<Attribution[]> {
  const classifier = requireModel(ctx, 'rp');
  const model: DifferentiableModel = differentiable(classifier);
  const [channels, h, w] = classifier.info.inputShape;
  const size = options.imageSize;
  const resampler = new MapResampler(size, size, h, w, 'bilinear');
  const geometry = { channels, maskSize: size, resampler };

  const data: RpJobData[] = jobs.map((job) => {
    const images = rpImages(job.sample, classifier.info, options);
    const baseline = referenceBaseline(images.baselineSource, h, w, classifier.info, options.baseline);
    return { x: images.x, baseline, clean: new Float64Array(0), target: job.classIndex };
  });
  const classes = model.classes;
  for (const job of jobs) {
    if (!(job.classIndex >= 0 && job.classIndex < classes)) {
      throw new Error(`rp: job ${job.key} asks for class ${job.classIndex}; model ${classifier.info.name} has ${classes} classes`);
    }
  }
  const stacked = new Float32Array(jobs.length * channels * h * w);
  data.forEach((d, j) => stacked.set(d.x, j * d.x.length));
  const cleanLogits = await model.forward(stacked, jobs.length);
  data.forEach((d, j) => (d.clean = probabilities(cleanLogits, j * classes, classes, model.activation)));

  const masks = jobs.map(() => new Float32Array(size * size).fill(options.maskInit));
  const optimisers = jobs.map(() => new Adam(size * size, options.learningRate));
  const streams = jobs.map((job) => ctx.random(job));
  const weights = { l1Weight: options.l1Weight, tvWeight: options.tvWeight, tvBeta: options.tvBeta };
  const plane = h * w;
  const noise = (random: (typeof streams)[number]) => drawRpNoise(random, channels, plane, options.noiseStd, options.noiseChannels);
  // The masks that the last iteration's inputs were built from (the official code's probabilities).
  let lastIterationMasks: Float32Array[] | undefined;

  for (let step = 0; step < options.iterations; step++) {
    throwIfAborted(ctx.signal);
    // Fresh noise for each branch, drawn from the job's own stream: perturbed first, then preserved.
    const noises: RpNoise[] = streams.map((random) => ({ perturbed: noise(random), preserved: noise(random) }));
    if (step === options.iterations - 1 && options.distortionMask === 'last-iteration') lastIterationMasks = masks.map((mask) => mask.slice());
    const evaluations = await robustPerturbationObjective(model, data, masks, noises, weights, geometry);
    evaluations.forEach((evaluation, j) => {
      optimisers[j].step(masks[j], evaluation.gradient);
      clampInPlace(masks[j], 0, 1);
    });
  }
  throwIfAborted(ctx.signal);

  // The final mask (or the last iteration's) without noise gives the class distortion score's probabilities.
  const final = await robustPerturbationProbabilities(model, data, lastIterationMasks ?? masks, geometry);
  return jobs.map((_, j) => {
    const up = resampler.forward(masks[j]);
    const map = new Float32Array(h * w);
    for (let i = 0; i < map.length; i++) map[i] = 1 - up[i];
    return {
      map,
      height: h,
      width: w,
      probs: {
        clean: Float32Array.from(data[j].clean),
        perturbed: Float32Array.from(final[j].perturbed),
        preserved: Float32Array.from(final[j].preserved),
      },
    };
  });
}

export const robustPerturbationPlugin = defineMethod<RobustPerturbationOptions>({
  name: 'rp',
  version: '1',
  description: 'Robust Perturbation (Kim et al., IEEE TIP 2021): noise-robust perturbed and preserved masks, Adam, map 1 - m.',
  needsModel: true,
  schema: rpSchema,
  defaults: rpDefaults,
  create(options) {
    const settings = resolveRpSettings(options);
    return {
      explain: (jobs, ctx) => explainInBatches(jobs, ctx, settings.masksPerBatch, (batch, batchCtx) => explainBatch(batch, batchCtx, settings)),
    };
  },
});
