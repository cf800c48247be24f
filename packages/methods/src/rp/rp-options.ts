/**
 * Robust Perturbation's options: the reference code's settings are the defaults, and where the
 * official code departs from the paper, the preset picks which one to follow ('paper' by default,
 * 'official' for jhkim0911/Robust-Perturbation's loader/attribution_map.py; the older spelling
 * `reference` still works). Any of the four settings it sets can also be given on its own.
 */
import { resolveOptions, stringEnum, type PluginPreset } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { masksPerBatchOption } from '../common/options-schema.js';

const fromPreset = " Default: from the preset ('paper' / 'official').";

export const rpSchema = Type.Object(
  {
    iterations: Type.Integer({ minimum: 1, description: 'Adam steps per mask (reference: 150).' }),
    learningRate: Type.Number({ exclusiveMinimum: 0, description: 'Adam learning rate (reference: 0.1).' }),
    l1Weight: Type.Number({ minimum: 0, description: 'Weight of mean|1 - m| (reference: 5).' }),
    tvWeight: Type.Number({ minimum: 0, description: 'Weight of the total variation TV_beta(m) (reference: 20).' }),
    tvBeta: Type.Number({ exclusiveMinimum: 0, description: 'Exponent beta of the total variation (reference: 2).' }),
    noiseStd: Type.Number({
      minimum: 0,
      description: 'Std of the Gaussian noise added to both perturbed inputs each step, in model-normalised units (reference: 0.2).',
    }),
    maskInit: Type.Number({ minimum: 0, maximum: 1, description: 'Initial value of every mask entry (reference: 0).' }),
    imageSize: Type.Integer({
      minimum: 2,
      description: 'Mask resolution (imageSize x imageSize; reference: 300); resampled bilinearly when the model input differs.',
    }),
    baseline: stringEnum(['reference', 'model'], {
      description: "Normalisation of the blurred baseline: 'reference' uses ImageNet mean/std as the reference code does, 'model' the model's own.",
    }),
    masksPerBatch: masksPerBatchOption(' (2 rows each)'),
    noiseChannels: Type.Optional(
      stringEnum(['all', 'first'], {
        description: "Channels that get noise: 'all' (paper) or 'first' only (official: cv2.randn reads 0.2 as the scalar (0.2, 0, 0, 0))." + fromPreset,
      }),
    ),
    distortionMask: Type.Optional(
      stringEnum(['final', 'last-iteration'], {
        description: "Mask whose noiseless inputs give the class distortion probabilities: 'final' (paper) or 'last-iteration', one step earlier (official)." + fromPreset,
      }),
    ),
    inputResize: Type.Optional(
      stringEnum(['bilinear', 'pil-bilinear'], {
        description: "Sample to model input: 'bilinear' (paper: plain bilinear) or 'pil-bilinear' (official: PIL's antialiased Resize on 8-bit levels)." + fromPreset,
      }),
    ),
    baselineResize: Type.Optional(
      stringEnum(['bilinear', 'opencv-uint8'], {
        description: "Sample to the baseline's source: 'bilinear' (paper: core's plain bilinear) or 'opencv-uint8' (official: cv2.resize, bilinear on 8-bit levels, no antialias)." + fromPreset,
      }),
    ),
  },
  { additionalProperties: false },
);

/** The options as `create` receives them: every preset setting filled in, and the preset's name. */
export type RobustPerturbationOptions = Required<Static<typeof rpSchema>> & { preset: RpReference };
export type RpReference = 'paper' | 'official';
/** The points where the official code departs from the paper. */
export type RpReferenceSettings = Pick<RobustPerturbationOptions, 'noiseChannels' | 'distortionMask' | 'inputResize' | 'baselineResize'>;
/** The resolved options with the preset under its older name, `reference`. */
export type RpSettings = RobustPerturbationOptions & { reference: RpReference };

export const rpReferences: Record<RpReference, RpReferenceSettings> = {
  paper: { noiseChannels: 'all', distortionMask: 'final', inputResize: 'bilinear', baselineResize: 'bilinear' },
  official: { noiseChannels: 'first', distortionMask: 'last-iteration', inputResize: 'pil-bilinear', baselineResize: 'opencv-uint8' },
};

/** Everything the options pipeline needs: schema, defaults, presets. */
export const rpOptions = {
  name: 'rp',
  schema: rpSchema,
  defaults: {
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
  } satisfies Partial<RobustPerturbationOptions>,
  presets: {
    paper: { description: 'the paper (Kim et al., TIP 2021)', options: rpReferences.paper },
    official: { description: "the official code, jhkim0911/Robust-Perturbation", options: rpReferences.official },
  } satisfies Record<RpReference, PluginPreset<RobustPerturbationOptions>>,
  defaultPreset: 'paper',
  presetAlias: 'reference',
};

/** Defaults, then the preset (`reference` or `preset`), then any single setting given. */
export function resolveRpSettings(options: Partial<RpSettings>): RpSettings {
  const resolved = resolveOptions<RobustPerturbationOptions>(rpOptions, options);
  return { ...resolved, reference: resolved.preset };
}
