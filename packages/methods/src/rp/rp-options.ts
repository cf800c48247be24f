/**
 * Robust Perturbation's options: the reference code's settings are the defaults, and where the
 * official code departs from the paper, `reference` picks which one to follow ('paper' by
 * default, 'official' for jhkim0911/Robust-Perturbation's loader/attribution_map.py). Any of the
 * four settings it sets can also be given on its own, overriding the choice.
 */
import type { BaselineNormalisation } from '../common/reference-baseline.js';

export type RpReference = 'paper' | 'official';

/** The points where the official code departs from the paper. */
export interface RpReferenceSettings {
  /** 'all': noise on every channel (paper); 'first': channel 0 only (cv2.randn with a scalar 0.2). */
  noiseChannels: 'all' | 'first';
  /** Mask whose noiseless inputs give `probs`: 'final' (after the last step) or 'last-iteration' (before it, as the code). */
  distortionMask: 'final' | 'last-iteration';
  /** Sample to model input: 'bilinear' (core's resize) or 'pil-bilinear' (PIL's antialiased Resize on 8-bit levels). */
  inputResize: 'bilinear' | 'pil-bilinear';
  /** Sample to the baseline's source: 'bilinear' (core's resize) or 'opencv-uint8' (cv2.resize on 8-bit levels). */
  baselineResize: 'bilinear' | 'opencv-uint8';
}

export const rpReferences: Record<RpReference, RpReferenceSettings> = {
  paper: { noiseChannels: 'all', distortionMask: 'final', inputResize: 'bilinear', baselineResize: 'bilinear' },
  official: { noiseChannels: 'first', distortionMask: 'last-iteration', inputResize: 'pil-bilinear', baselineResize: 'opencv-uint8' },
};

export type RobustPerturbationOptions = Partial<RpReferenceSettings> & {
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
  reference: RpReference;
};

export type RpSettings = RobustPerturbationOptions & RpReferenceSettings;

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
  reference: 'paper',
};

/** Defaults, then the `reference` choice, then any single setting given. */
export function resolveRpSettings(options: Partial<RobustPerturbationOptions>): RpSettings {
  const reference = options.reference ?? rpDefaults.reference;
  const chosen = rpReferences[reference];
  if (!chosen) throw new Error(`rp: options.reference must be 'paper' or 'official', got ${String(reference)}`);
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...rpDefaults, ...chosen, ...given, reference } as RpSettings;
}

const fromReference = " Default: from 'reference' (paper / official).";

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
    reference: {
      type: 'string',
      enum: ['paper', 'official'],
      description:
        "Where the official code departs from the paper, follow 'paper' (default) or 'official' (jhkim0911/Robust-Perturbation): sets noiseChannels, distortionMask, inputResize and baselineResize.",
    },
    noiseChannels: {
      type: 'string',
      enum: ['all', 'first'],
      description: "Channels that get noise: 'all' (paper) or 'first' only (official: cv2.randn reads 0.2 as the scalar (0.2, 0, 0, 0))." + fromReference,
    },
    distortionMask: {
      type: 'string',
      enum: ['final', 'last-iteration'],
      description: "Mask whose noiseless inputs give the class distortion probabilities: 'final' (paper) or 'last-iteration', one step earlier (official)." + fromReference,
    },
    inputResize: {
      type: 'string',
      enum: ['bilinear', 'pil-bilinear'],
      description: "Sample to model input: 'bilinear' (paper: plain bilinear) or 'pil-bilinear' (official: PIL's antialiased Resize on 8-bit levels)." + fromReference,
    },
    baselineResize: {
      type: 'string',
      enum: ['bilinear', 'opencv-uint8'],
      description: "Sample to the baseline's source: 'bilinear' (paper: core's plain bilinear) or 'opencv-uint8' (official: cv2.resize, bilinear on 8-bit levels, no antialias)." + fromReference,
    },
  },
} as const;
