/**
 * Meaningful Perturbation (Fong & Vedaldi, "Interpretable Explanations of Black Boxes by
 * Meaningful Perturbation", ICCV 2017): the smallest smooth region whose blurring deletes the
 * target's evidence, optimised with Adam on a low-resolution mask. Map = 1 - M.
 */
import { defineMethod, gaussianBlur, normalize, Resampler, type CleanPass, type ClassifierInfo, type Sample } from '@saliency-bench/core';
import { blendWithBaseline, distortionProbs } from '../common/distortion-probs.js';
import { maskOptimisationMethod, type MaskGame, type MaskProblem } from '../common/mask-optimisation.js';
import { modelImage } from '../common/model-image.js';
import { referenceBaseline } from '../common/reference-baseline.js';
import { Adam } from '../math/adam.js';
import { fillGaussian } from '../math/fill-gaussian.js';
import type { FloatArray } from '../math/floats.js';
import { circleInit } from './circle-init.js';
import { meaningfulPerturbationObjective, mpUpsampledMask, type MpGeometry, type MpJobData, type MpStepNoise } from './mp-objective.js';
import { mpOptions, type MeaningfulPerturbationOptions, type MpSettings } from './mp-options.js';

function baselineOf(raw: Float32Array, h: number, w: number, info: ClassifierInfo, kind: MpSettings['baseline']): Float32Array {
  if (kind === 'gaussian-median-11') return referenceBaseline(raw, h, w, info, 'model');
  const [channels] = info.inputShape;
  // Gaussian sigma 10 (PIL's GaussianBlur(10) in the Caffe code); OpenCV's kernel covers +-3 sigma.
  return normalize(gaussianBlur(raw, channels, h, w, 61, 10), info.mean, info.std);
}

type MpEvaluation = Awaited<ReturnType<typeof meaningfulPerturbationObjective>>[number];
/** The objective's data, and the sample and its clean pass for the unjittered images. */
type MpJob = MpJobData & { sample: Sample; clean: CleanPass };

function mpGame(settings: MpSettings, { info, classifier, engine, channels, h, w, cleanPasses }: MaskProblem): MaskGame<MpJob, MpStepNoise, MpEvaluation, FloatArray> {
  const maskH = Math.max(1, Math.round(h / settings.maskScale));
  const maskW = Math.max(1, Math.round(w / settings.maskScale));
  const geometry: MpGeometry = {
    channels, h, w, jitter: settings.jitter, maskH, maskW,
    resampler: new Resampler(maskH, maskW, h, w, settings.upsample),
  };
  // The image without jitter padding (the clean pass's input) and its baseline (circle init, distortion probabilities).
  const unpadded = (sample: Sample, clean: CleanPass) => ({ x: clean.input, baseline: baselineOf(modelImage(sample, info).raw, h, w, info, settings.baseline) });
  return {
    async prepare(jobs) {
      const clean = await cleanPasses();
      return jobs.map((job, j) => {
        const image = modelImage(job.sample, info, { h: h + settings.jitter, w: w + settings.jitter });
        const baseline = baselineOf(image.raw, h + settings.jitter, w + settings.jitter, info, settings.baseline);
        return { x: image.x, baseline, target: job.classIndex, sample: job.sample, clean: clean[j] };
      });
    },
    init(data, random) {
      if (settings.init === 'ones') return new Float32Array(maskH * maskW).fill(1);
      if (settings.init === 'random') return Float32Array.from({ length: maskH * maskW }, () => random.uniform());
      return circleInit(engine, { ...unpadded(data.sample, data.clean), cleanLogits: data.clean.logits, target: data.target }, channels, h, w, maskH, maskW);
    },
    optimiser: (length) => new Adam(length, settings.learningRate),
    noise: (random) => ({
      offsetY: settings.jitter > 0 ? Math.floor(random.uniform() * settings.jitter) : 0,
      offsetX: settings.jitter > 0 ? Math.floor(random.uniform() * settings.jitter) : 0,
      maskNoise: settings.maskNoise > 0 ? fillGaussian(random, new Float32Array(maskH * maskW), settings.maskNoise) : null,
      inputNoise: settings.inputNoise > 0 ? fillGaussian(random, new Float32Array(channels * h * w), settings.inputNoise) : null,
    }),
    objective: (model, data, masks, noises) => meaningfulPerturbationObjective(model, data, masks, noises, settings, geometry),
    final: (_, mask) => mpUpsampledMask(mask, null, geometry, settings.maskBlur),
    // The class distortion score's inputs: the final mask (1 keeps the image) without jitter or noise.
    distortion: (data, applied) =>
      distortionProbs(
        classifier,
        data.map((d) => d.clean),
        data.map((d, j) => {
          const { x, baseline } = unpadded(d.sample, d.clean);
          const removed = Float32Array.from(applied[j], (v) => 1 - v);
          return { perturbed: blendWithBaseline(x, baseline, applied[j]), preserved: blendWithBaseline(x, baseline, removed) };
        }),
      ),
    map: (applied) => Float32Array.from(applied, (v) => 1 - v),
  };
}

export const meaningfulPerturbationPlugin = defineMethod<MeaningfulPerturbationOptions>({
  ...mpOptions,
  version: '1',
  description: "Meaningful Perturbation (Fong & Vedaldi, ICCV 2017): deletion game on a blurred baseline; presets 'official' and 'pytorch-port'.",
  needsModel: true,
  outputs: ['map', 'probs'],
  create: (options) => maskOptimisationMethod('mp', options, (problem) => mpGame(options, problem)),
});
