/** Robust Perturbation's options: the reference code's settings are the defaults. */
import type { BaselineNormalisation } from '../common/reference-baseline.js';

export interface RobustPerturbationOptions {
  iterations: number;
  learningRate: number;
  l1Weight: number;
  tvWeight: number;
  tvBeta: number;
  noiseStd: number;
  maskInit: number;
  imageSize: number;
  baseline: BaselineNormalisation;
  masksPerBatch: number;
}

export const rpDefaults: RobustPerturbationOptions = {
  iterations: 150,
  learningRate: 0.1,
  l1Weight: 5,
  tvWeight: 20,
  tvBeta: 2,
  noiseStd: 0.2,
  maskInit: 0,
  imageSize: 300,
  baseline: 'reference',
  masksPerBatch: 0,
};

export const rpSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    iterations: { type: 'integer', minimum: 1, description: 'Adam steps per mask (reference: 150).' },
    learningRate: { type: 'number', exclusiveMinimum: 0, description: 'Adam learning rate (reference: 0.1).' },
    l1Weight: { type: 'number', minimum: 0, description: 'Weight of mean|1 - m| (reference: 5).' },
    tvWeight: { type: 'number', minimum: 0, description: 'Weight of the total variation TV_beta(m) (reference: 20).' },
    tvBeta: { type: 'number', exclusiveMinimum: 0, description: 'Exponent beta of the total variation (reference: 2).' },
    noiseStd: {
      type: 'number',
      minimum: 0,
      description: 'Std of the Gaussian noise added to both perturbed inputs each step, in model-normalised units (reference: 0.2).',
    },
    maskInit: { type: 'number', minimum: 0, maximum: 1, description: 'Initial value of every mask entry (reference: 0).' },
    imageSize: {
      type: 'integer',
      minimum: 2,
      description: 'Mask resolution (imageSize x imageSize; reference: 300); resampled bilinearly when the model input differs.',
    },
    baseline: {
      type: 'string',
      enum: ['reference', 'model'],
      description:
        "Normalisation of the blurred baseline: 'reference' uses ImageNet mean/std as the reference code does, 'model' the model's own.",
    },
    masksPerBatch: {
      type: 'integer',
      minimum: 0,
      description: "Jobs whose masks share one model call (2 rows each); 0 uses the run's batch size.",
    },
  },
} as const;
