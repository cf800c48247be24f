/**
 * Deletion (RISE, Petsiuk et al. 2018): replace pixels, most salient first, with zeros in the
 * model-normalised space (the dataset mean colour); a good map makes the class probability fall
 * early (lower AUC is better). Defaults follow the Robust Perturbation paper at 300x300: 300 pixels per step.
 */
import { defineMetric } from '@saliency-bench/core';
import { Type } from '@sinclair/typebox';
import { evaluateCausal } from './causal-metric.js';
import { causalSchemaProperties, type CausalOptions } from './causal-schema.js';

export type DeletionOptions = CausalOptions;

export const deletionPlugin = defineMetric<DeletionOptions>({
  name: 'deletion',
  version: '2',
  description: 'Deletion AUC (RISE): class probability as salient pixels are replaced by zeros (lower is better).',
  needsModel: true,
  higherIsBetter: false,
  schema: Type.Object(causalSchemaProperties('removed'), { additionalProperties: false }),
  defaults: { step: 300, batchSize: 32, classOf: 'top1', recordCurve: false },
  create: (options) => ({
    evaluate: (job, attribution, ctx) =>
      evaluateCausal(job, attribution, ctx, options, {
        metric: 'deletion',
        substrate: (image) => new Float32Array(image.length),
      }),
  }),
});
