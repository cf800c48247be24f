/** The deletion game as a method: its options, and its part of the mask optimisation. */
import { defineMethod } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { blendWithBaseline, distortionProbs } from '../../src/common/distortion-probs.js';
import { maskOptimisationMethod } from '../../src/common/mask-optimisation.js';
import { masksPerBatchOption } from '../../src/common/options-schema.js';
import { Adam } from '../../src/math/adam.js';
import { deletionGameObjective } from './deletion-game-objective.js';

const schema = Type.Object(
  {
    iterations: Type.Integer({ minimum: 1, description: 'Adam steps.' }),
    learningRate: Type.Number({ exclusiveMinimum: 0, description: 'Adam learning rate.' }),
    l1Weight: Type.Number({ minimum: 0, description: 'Weight of mean|1 - m|: larger deletes less.' }),
    masksPerBatch: masksPerBatchOption(''),
  },
  { additionalProperties: false },
);

export const deletionGamePlugin = defineMethod<Static<typeof schema>>({
  name: 'deletion-game',
  version: '1',
  description: 'Deletion game (Fong & Vedaldi, ICCV 2017) on the mean colour, one mask value per pixel. Map = 1 - m.',
  needsModel: true,
  outputs: ['map', 'probs'],
  schema,
  defaults: { iterations: 100, learningRate: 0.1, l1Weight: 0.05, masksPerBatch: 0 },
  create: (options) =>
    maskOptimisationMethod('deletion-game', options, ({ classifier, h, w, cleanPasses }) => ({
      // The clean pass (the runner's, Job.clean): the model input and the clean probabilities.
      prepare: async (jobs) =>
        (await cleanPasses()).map((clean, j) => ({ x: clean.input, baseline: new Float32Array(clean.input.length), target: jobs[j].classIndex, clean })),
      init: () => new Float32Array(h * w).fill(1),
      optimiser: (size) => new Adam(size, options.learningRate),
      noise: () => null,
      objective: (model, data, masks) => deletionGameObjective(model, data, masks, options.l1Weight),
      final: (_, mask) => Float32Array.from(mask),
      distortion: (data, masks) =>
        distortionProbs(
          classifier,
          data.map(({ clean }) => clean),
          data.map(({ x, baseline }, j) => ({
            perturbed: blendWithBaseline(x, baseline, masks[j]),
            preserved: blendWithBaseline(x, baseline, masks[j].map((v) => 1 - v)),
          })),
        ),
      map: (mask) => mask.map((v) => 1 - v),
    })),
});
