/**
 * Meaningful Perturbation (Fong & Vedaldi, "Interpretable Explanations of Black Boxes by
 * Meaningful Perturbation", ICCV 2017): the smallest smooth region whose blurring deletes the
 * target's evidence, optimised with Adam on a low-resolution mask. Map = 1 - M.
 */
import { defineMethod, gaussianBlur, normalize, type Attribution, type Job, type MethodContext } from '@saliency-bench/core';
import { throwIfAborted } from '../common/abort.js';
import { differentiable } from '../common/differentiable-model.js';
import { blendWithBaseline, distortionProbs } from '../common/distortion-probs.js';
import { explainInBatches } from '../common/job-batches.js';
import { modelImage } from '../common/model-image.js';
import { referenceBaseline } from '../common/reference-baseline.js';
import { requireModel } from '../common/require-model.js';
import { Adam } from '../math/adam.js';
import { fillGaussian } from '../math/fill-gaussian.js';
import { clampInPlace } from '../math/floats.js';
import { MapResampler } from '../math/map-resampler.js';
import { circleInit } from './circle-init.js';
import { meaningfulPerturbationObjective, mpUpsampledMask, type MpGeometry, type MpJobData, type MpStepNoise } from './mp-objective.js';
import { mpSchema, resolveMpSettings, type MeaningfulPerturbationOptions, type MpSettings } from './mp-options.js';

function baselineOf(raw: Float32Array, h: number, w: number, ctxInfo: Parameters<typeof referenceBaseline>[3], kind: MpSettings['baseline']): Float32Array {
  if (kind === 'gaussian-median-11') return referenceBaseline(raw, h, w, ctxInfo, 'model');
  const [channels] = ctxInfo.inputShape;
  // Gaussian sigma 10 (PIL's GaussianBlur(10) in the Caffe code); OpenCV's kernel covers +-3 sigma.
  return normalize(gaussianBlur(raw, channels, h, w, 61, 10), ctxInfo.mean, ctxInfo.std);
}

async function explainBatch(jobs: Job[], ctx: MethodContext, settings: MpSettings): Promise<Attribution[]> {
  const classifier = requireModel(ctx, 'mp');
  const model = differentiable(classifier);
  const info = classifier.info;
  const [channels, h, w] = info.inputShape;
  const maskH = Math.max(1, Math.round(h / settings.maskScale));
  const maskW = Math.max(1, Math.round(w / settings.maskScale));
  const geometry: MpGeometry = {
    channels, h, w, jitter: settings.jitter, maskH, maskW,
    resampler: new MapResampler(maskH, maskW, h, w, settings.upsample),
  };
  const ph = h + settings.jitter;
  const pw = w + settings.jitter;
  const data: MpJobData[] = jobs.map((job) => {
    if (!(job.classIndex >= 0 && job.classIndex < model.classes)) {
      throw new Error(`mp: job ${job.key} asks for class ${job.classIndex}; model ${info.name} has ${model.classes} classes`);
    }
    const image = modelImage(job.sample, info, { h: ph, w: pw });
    return { x: image.x, baseline: baselineOf(image.raw, ph, pw, info, settings.baseline), target: job.classIndex };
  });
  const streams = jobs.map((job) => ctx.random(job));
  const masks: Float32Array[] = [];
  for (let j = 0; j < jobs.length; j++) {
    throwIfAborted(ctx.signal);
    if (settings.init === 'ones') masks.push(new Float32Array(maskH * maskW).fill(1));
    else if (settings.init === 'random') masks.push(Float32Array.from({ length: maskH * maskW }, () => streams[j].uniform()));
    else {
      const image = modelImage(jobs[j].sample, info);
      const baseline = baselineOf(image.raw, h, w, info, settings.baseline);
      masks.push(await circleInit(model, { x: image.x, baseline, target: jobs[j].classIndex }, channels, h, w, maskH, maskW));
    }
  }
  const optimisers = jobs.map(() => new Adam(maskH * maskW, settings.learningRate));
  for (let step = 0; step < settings.iterations; step++) {
    throwIfAborted(ctx.signal);
    const noises: MpStepNoise[] = streams.map((random) => ({
      offsetY: settings.jitter > 0 ? Math.floor(random.uniform() * settings.jitter) : 0,
      offsetX: settings.jitter > 0 ? Math.floor(random.uniform() * settings.jitter) : 0,
      maskNoise: settings.maskNoise > 0 ? fillGaussian(random, new Float32Array(maskH * maskW), settings.maskNoise) : null,
      inputNoise: settings.inputNoise > 0 ? fillGaussian(random, new Float32Array(channels * h * w), settings.inputNoise) : null,
    }));
    const evaluations = await meaningfulPerturbationObjective(model, data, masks, noises, settings, geometry);
    evaluations.forEach((evaluation, j) => {
      optimisers[j].step(masks[j], evaluation.gradient);
      clampInPlace(masks[j], 0, 1);
    });
  }
  throwIfAborted(ctx.signal);
  const applied = masks.map((mask) => mpUpsampledMask(mask, null, geometry, settings.maskBlur));
  // The class distortion score's inputs: the final mask (1 keeps the image) without jitter or noise.
  const probs = await distortionProbs(classifier, jobs.map((job, j) => {
    const image = modelImage(job.sample, info);
    const baseline = baselineOf(image.raw, h, w, info, settings.baseline);
    const removed = Float32Array.from(applied[j], (v) => 1 - v);
    return { clean: image.x, perturbed: blendWithBaseline(image.x, baseline, applied[j]), preserved: blendWithBaseline(image.x, baseline, removed) };
  }));
  return applied.map((mask, j) => ({ map: Float32Array.from(mask, (v) => 1 - v), height: h, width: w, probs: probs[j] }));
}

export const meaningfulPerturbationPlugin = defineMethod<MeaningfulPerturbationOptions>({
  name: 'mp',
  version: '1',
  description: "Meaningful Perturbation (Fong & Vedaldi, ICCV 2017): deletion game on a blurred baseline; presets 'official' and 'pytorch-port'.",
  needsModel: true,
  schema: mpSchema,
  defaults: { preset: 'official', masksPerBatch: 0 },
  create(options) {
    const settings = resolveMpSettings(options);
    return {
      explain: (jobs, ctx) => explainInBatches(jobs, ctx, options.masksPerBatch ?? 0, (batch, batchCtx) => explainBatch(batch, batchCtx, settings)),
    };
  },
});
