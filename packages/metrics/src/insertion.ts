/**
 * Insertion (RISE, Petsiuk et al. 2018): start from a blurred copy of the image and restore pixels,
 * most salient first; a good map makes the class probability rise early (higher AUC is better).
 * Defaults follow the Robust Perturbation paper at 300x300: 100 pixels per step (900 steps).
 */
import { defineMetric, stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { evaluateCausal } from './causal-metric.js';
import { causalSchemaProperties } from './causal-schema.js';
import { insertionSubstrate, SUBSTRATE_BLURS } from './insertion-substrate.js';

const insertionSchema = Type.Object(
  {
    ...causalSchemaProperties('restored'),
    substrateBlur: stringEnum(SUBSTRATE_BLURS, {
      description:
        "How the starting image is blurred: 'rise' (default; the RISE and RP code: scipy gaussian_filter kernel of a delta, " +
        "zero-padded conv2d of the normalised image) or 'opencv' (cv2.GaussianBlur with reflect-101 borders).",
    }),
    substrateKernelSize: Type.Integer({ minimum: 1, description: 'Odd kernel size of the Gaussian blur that makes the starting image (RISE and RP: 11).' }),
    substrateSigma: Type.Number({ exclusiveMinimum: 0, description: 'Sigma of that Gaussian blur (RISE and RP: 5).' }),
  },
  { additionalProperties: false },
);

export type InsertionOptions = Static<typeof insertionSchema>;

export const insertionPlugin = defineMetric<InsertionOptions>({
  name: 'insertion',
  version: '2',
  description: 'Insertion AUC (RISE): class probability as salient pixels are restored onto a blurred image.',
  needsModel: true,
  higherIsBetter: true,
  schema: insertionSchema,
  defaults: {
    step: 100,
    batchSize: 32,
    classOf: 'top1',
    recordCurve: false,
    substrateBlur: 'rise',
    substrateKernelSize: 11,
    substrateSigma: 5,
  },
  create: (options) => {
    if (options.substrateKernelSize % 2 === 0) {
      throw new Error(`insertion: substrateKernelSize must be odd, got ${options.substrateKernelSize}`);
    }
    return {
      evaluate: (job, attribution, ctx) =>
        evaluateCausal(job, attribution, ctx, options, {
          metric: 'insertion',
          substrate: (image, shape) =>
            insertionSubstrate(image, shape, options.substrateBlur, options.substrateKernelSize, options.substrateSigma),
        }),
    };
  },
});
