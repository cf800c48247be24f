/**
 * Insertion (RISE, Petsiuk et al. 2018): start from a blurred copy of the image and restore pixels,
 * most salient first; a good map makes the class probability rise early (higher AUC is better).
 * Defaults follow the Robust Perturbation paper at 300x300: 100 pixels per step (900 steps).
 */
import { defineMetric, gaussianBlur } from '@saliency-bench/core';
import { evaluateCausal, type CausalOptions } from './causal-metric.js';
import { causalSchemaProperties } from './causal-schema.js';

export interface InsertionOptions extends CausalOptions {
  substrateKernelSize: number;
  substrateSigma: number;
}

export const insertionPlugin = defineMetric<InsertionOptions>({
  name: 'insertion',
  version: '1',
  description: 'Insertion AUC (RISE): class probability as salient pixels are restored onto a blurred image.',
  needsModel: true,
  higherIsBetter: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...causalSchemaProperties('restored'),
      substrateKernelSize: {
        type: 'integer',
        minimum: 1,
        description: 'Odd kernel size of the Gaussian blur that makes the starting image (RISE and RP: 11).',
      },
      substrateSigma: { type: 'number', exclusiveMinimum: 0, description: 'Sigma of that Gaussian blur (RISE and RP: 5).' },
    },
  },
  defaults: { step: 100, batchSize: 32, classOf: 'target', recordCurve: false, substrateKernelSize: 11, substrateSigma: 5 },
  create: (options) => {
    if (options.substrateKernelSize % 2 === 0) {
      throw new Error(`insertion: substrateKernelSize must be odd, got ${options.substrateKernelSize}`);
    }
    return {
      higherIsBetter: true,
      evaluate: (job, attribution, ctx) =>
        evaluateCausal(job, attribution, ctx, options, {
          metric: 'insertion',
          // Blurring the normalised image equals normalising the blurred one: the kernel sums to 1
          // and reflect-101 borders keep constants constant.
          substrate: (image, [c, h, w]) => gaussianBlur(image, c, h, w, options.substrateKernelSize, options.substrateSigma),
        }),
    };
  },
});
