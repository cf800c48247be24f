/**
 * Robust Perturbation (Kim, Kim, Kim, Ro, IEEE TIP 31:301-313, 2021): a mask trained with Adam so
 * that deleting the masked region changes the target class and little else, while preserving it
 * keeps the target; both branches see fresh Gaussian noise each step. Map = 1 - m.
 */
import { rowProbabilities, defineMethod, Resampler } from '@saliency-bench/core';
import { maskOptimisationMethod, type MaskGame, type MaskProblem } from '../common/mask-optimisation.js';
import { referenceBaseline } from '../common/reference-baseline.js';
import { Adam } from '../math/adam.js';
import { robustPerturbationObjective, robustPerturbationProbabilities, type RpEvaluation, type RpJobData, type RpNoise } from './rp-objective.js';
import { rpImages } from './rp-images.js';
import { drawRpNoise } from './rp-noise.js';
import { rpOptions, type RobustPerturbationOptions } from './rp-options.js';

function rpGame(settings: RobustPerturbationOptions, { info, engine, channels, h, w, cleanPasses }: MaskProblem): MaskGame<RpJobData, RpNoise, RpEvaluation, Float32Array> {
  const size = settings.imageSize;
  const resampler = new Resampler(size, size, h, w, 'bilinear');
  const geometry = { channels, maskSize: size, resampler };
  const weights = { l1Weight: settings.l1Weight, tvWeight: settings.tvWeight, tvBeta: settings.tvBeta };
  const noise = (random: Parameters<typeof drawRpNoise>[0]) => drawRpNoise(random, channels, h * w, settings.noiseStd, settings.noiseChannels);
  // The masks that the last iteration's inputs were built from (the official code's probabilities).
  let lastIterationMasks: Float32Array[] | undefined;
  return {
    async prepare(jobs) {
      // The clean pass's input is x when RP resizes as the runner does; the official code's PIL resize needs its own pass.
      const clean = settings.inputResize === 'bilinear' ? await cleanPasses() : undefined;
      const data: RpJobData[] = jobs.map((job, j) => {
        const images = rpImages(job.sample, info, settings);
        const baseline = referenceBaseline(images.baselineSource, h, w, info, settings.baseline);
        return { x: clean?.[j].input ?? images.x, baseline, clean: new Float64Array(0), target: job.classIndex };
      });
      let cleanLogits: ArrayLike<number> | undefined;
      if (!clean) {
        const stacked = new Float32Array(jobs.length * channels * h * w);
        data.forEach((d, j) => stacked.set(d.x, j * d.x.length));
        cleanLogits = await engine.forward(stacked, jobs.length);
      }
      data.forEach((d, j) => {
        d.clean = clean ? rowProbabilities(clean[j].logits, 0, engine.classes, engine.activation) : rowProbabilities(cleanLogits!, j * engine.classes, engine.classes, engine.activation);
      });
      return data;
    },
    init: () => new Float32Array(size * size).fill(settings.maskInit),
    optimiser: (length) => new Adam(length, settings.learningRate),
    // Fresh noise for each branch, drawn from the job's own stream: perturbed first, then preserved.
    noise: (random) => ({ perturbed: noise(random), preserved: noise(random) }),
    objective(model, data, masks, noises, step) {
      if (step === settings.iterations - 1 && settings.distortionMask === 'last-iteration') lastIterationMasks = masks.map((mask) => mask.slice() as Float32Array);
      return robustPerturbationObjective(model, data, masks, noises, weights, geometry);
    },
    final: (_, mask) => mask as Float32Array,
    // The final mask (or the last iteration's) without noise gives the class distortion score's probabilities.
    async distortion(data, masks) {
      const final = await robustPerturbationProbabilities(engine, data, lastIterationMasks ?? masks, geometry);
      return data.map((d, j) => ({
        clean: Float32Array.from(d.clean),
        perturbed: Float32Array.from(final[j].perturbed),
        preserved: Float32Array.from(final[j].preserved),
      }));
    },
    map(mask) {
      const up = resampler.forward(mask);
      const map = new Float32Array(h * w);
      for (let i = 0; i < map.length; i++) map[i] = 1 - up[i];
      return map;
    },
  };
}

export const robustPerturbationPlugin = defineMethod<RobustPerturbationOptions>({
  ...rpOptions,
  version: '1',
  description: 'Robust Perturbation (Kim et al., IEEE TIP 2021): noise-robust perturbed and preserved masks, Adam, map 1 - m.',
  needsModel: true,
  outputs: ['map', 'probs'],
  create: (options) => maskOptimisationMethod('rp', options, (problem) => rpGame(options, problem)),
});
