/**
 * Meaningful Perturbation's options. Two presets: 'official' (the authors' Caffe code,
 * ruthcfong/perturb_explanations optimize_mask.py) and 'pytorch-port' (the widely used
 * jacobgil/pytorch-explain-black-box). Any single setting given in the options overrides the preset.
 */
import { resolveOptions, stringEnum, type PluginPreset } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { masksPerBatchOption } from '../common/options-schema.js';

const fromPreset = ' Default: from the preset.';

export const mpSchema = Type.Object(
  {
    masksPerBatch: masksPerBatchOption(''),
    iterations: Type.Optional(Type.Integer({ minimum: 1, description: 'Adam steps (official 300, port 500).' + fromPreset })),
    learningRate: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Adam learning rate (0.1 in both).' + fromPreset })),
    l1Weight: Type.Optional(Type.Number({ minimum: 0, description: 'Weight lambda1 of |1 - m| (official 1e-4, port 0.01).' + fromPreset })),
    l1Reduction: Type.Optional(stringEnum(['sum', 'mean'], { description: 'How |1 - m| is reduced (official sum, port mean).' + fromPreset })),
    tvWeight: Type.Optional(Type.Number({ minimum: 0, description: 'Weight lambda2 of the total variation (official 1e-2, port 0.2).' + fromPreset })),
    tvBeta: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Total-variation exponent beta (3 in both).' + fromPreset })),
    tvForm: Type.Optional(
      stringEnum(['isotropic-sum', 'anisotropic-mean'], {
        description: "'isotropic-sum': sum (dx^2+dy^2)^(beta/2) (official); 'anisotropic-mean': mean|dx|^beta + mean|dy|^beta (port)." + fromPreset,
      }),
    ),
    maskScale: Type.Optional(Type.Integer({ minimum: 1, description: 'Input pixels per mask cell (8: a 28x28 mask at 224).' + fromPreset })),
    upsample: Type.Optional(
      stringEnum(['nearest', 'bilinear', 'bilinear-align-corners'], {
        description: "Mask upsampling (official 'nearest', port 'bilinear-align-corners')." + fromPreset,
      }),
    ),
    maskBlur: Type.Optional(Type.Number({ minimum: 0, description: 'Sigma of the Gaussian blur of the upsampled mask, 0 for none (official 5, port 0).' + fromPreset })),
    jitter: Type.Optional(Type.Integer({ minimum: 0, description: 'Random crop jitter in pixels per step (official 4, port 0).' + fromPreset })),
    maskNoise: Type.Optional(Type.Number({ minimum: 0, description: 'Std of Gaussian noise added to the mask each step (official 0).' + fromPreset })),
    inputNoise: Type.Optional(
      Type.Number({ minimum: 0, description: 'Std of Gaussian noise added to the perturbed input each step, model-normalised units (port 0.2).' + fromPreset }),
    ),
    baseline: Type.Optional(
      stringEnum(['gaussian-10', 'gaussian-median-11'], {
        description: "Blurred baseline: 'gaussian-10' (Gaussian sigma 10, official) or 'gaussian-median-11' (mean of Gaussian 11/5 and median 11, port)." + fromPreset,
      }),
    ),
    init: Type.Optional(stringEnum(['circle', 'ones', 'random'], { description: "Mask initialisation (official 'circle', port 'ones')." + fromPreset })),
  },
  { additionalProperties: false },
);

export type MpPreset = 'official' | 'pytorch-port';
/** The options as `create` receives them: every preset setting filled in, and the preset's name. */
export type MeaningfulPerturbationOptions = Required<Static<typeof mpSchema>> & { preset: MpPreset };
/** What a preset sets: everything but the batching. */
export type MpSettings = Omit<MeaningfulPerturbationOptions, 'masksPerBatch' | 'preset'>;
export type MpBaseline = MpSettings['baseline'];

export const mpPresets: Record<MpPreset, MpSettings> = {
  official: {
    iterations: 300,
    learningRate: 0.1,
    l1Weight: 1e-4,
    l1Reduction: 'sum',
    tvWeight: 1e-2,
    tvBeta: 3,
    tvForm: 'isotropic-sum',
    maskScale: 8,
    upsample: 'nearest',
    maskBlur: 5,
    jitter: 4,
    maskNoise: 0,
    inputNoise: 0,
    baseline: 'gaussian-10',
    init: 'circle',
  },
  'pytorch-port': {
    iterations: 500,
    learningRate: 0.1,
    l1Weight: 0.01,
    l1Reduction: 'mean',
    tvWeight: 0.2,
    tvBeta: 3,
    tvForm: 'anisotropic-mean',
    maskScale: 8,
    upsample: 'bilinear-align-corners',
    maskBlur: 0,
    jitter: 0,
    maskNoise: 0,
    inputNoise: 0.2,
    baseline: 'gaussian-median-11',
    init: 'ones',
  },
};

/** Everything the options pipeline needs: schema, defaults, presets. */
export const mpOptions = {
  name: 'mp',
  schema: mpSchema,
  defaults: { masksPerBatch: 0 } satisfies Partial<MeaningfulPerturbationOptions>,
  presets: {
    official: { description: "Fong & Vedaldi's Caffe code", options: mpPresets.official },
    'pytorch-port': { description: "jacobgil's PyTorch port", options: mpPresets['pytorch-port'] },
  } satisfies Record<MpPreset, PluginPreset<MeaningfulPerturbationOptions>>,
  defaultPreset: 'official',
};

/** The preset's settings with any single setting given on top. */
export function resolveMpSettings(options: Partial<MeaningfulPerturbationOptions>): MeaningfulPerturbationOptions {
  return resolveOptions<MeaningfulPerturbationOptions>(mpOptions, options);
}
