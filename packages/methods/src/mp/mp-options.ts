/**
 * Meaningful Perturbation's settings. Two presets: 'official' (the authors' Caffe code,
 * ruthcfong/perturb_explanations optimize_mask.py) and 'pytorch-port' (the widely used
 * jacobgil/pytorch-explain-black-box). Any single setting given in the options overrides the preset.
 */
import type { ResampleMode } from '../math/map-resampler.js';

export type MpPreset = 'official' | 'pytorch-port';
export type MpInit = 'circle' | 'ones' | 'random';
export type MpBaseline = 'gaussian-10' | 'gaussian-median-11';
export type MpTvForm = 'isotropic-sum' | 'anisotropic-mean';

export interface MpSettings {
  iterations: number;
  learningRate: number;
  l1Weight: number;
  l1Reduction: 'sum' | 'mean';
  tvWeight: number;
  tvBeta: number;
  tvForm: MpTvForm;
  maskScale: number;
  upsample: ResampleMode;
  maskBlur: number;
  jitter: number;
  maskNoise: number;
  inputNoise: number;
  baseline: MpBaseline;
  init: MpInit;
}

export type MeaningfulPerturbationOptions = Partial<MpSettings> & { preset: MpPreset; masksPerBatch: number };

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

export function resolveMpSettings(options: Partial<MeaningfulPerturbationOptions>): MpSettings {
  const preset = options.preset ?? 'official';
  const base = mpPresets[preset];
  if (!base) throw new Error(`mp: options.preset must be 'official' or 'pytorch-port', got ${String(preset)}`);
  const settings = { ...base };
  for (const key of Object.keys(base) as (keyof MpSettings)[]) {
    if (options[key] !== undefined) (settings as Record<string, unknown>)[key] = options[key];
  }
  return settings;
}

const fromPreset = ' Default: from the preset.';

export const mpSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    preset: {
      type: 'string',
      enum: ['official', 'pytorch-port'],
      description: "Settings to start from: 'official' (Fong & Vedaldi's Caffe code) or 'pytorch-port' (jacobgil's port).",
    },
    masksPerBatch: { type: 'integer', minimum: 0, description: "Jobs whose masks share one model call; 0 uses the run's batch size." },
    iterations: { type: 'integer', minimum: 1, description: 'Adam steps (official 300, port 500).' + fromPreset },
    learningRate: { type: 'number', exclusiveMinimum: 0, description: 'Adam learning rate (0.1 in both).' + fromPreset },
    l1Weight: { type: 'number', minimum: 0, description: 'Weight lambda1 of |1 - m| (official 1e-4, port 0.01).' + fromPreset },
    l1Reduction: { type: 'string', enum: ['sum', 'mean'], description: 'How |1 - m| is reduced (official sum, port mean).' + fromPreset },
    tvWeight: { type: 'number', minimum: 0, description: 'Weight lambda2 of the total variation (official 1e-2, port 0.2).' + fromPreset },
    tvBeta: { type: 'number', exclusiveMinimum: 0, description: 'Total-variation exponent beta (3 in both).' + fromPreset },
    tvForm: {
      type: 'string',
      enum: ['isotropic-sum', 'anisotropic-mean'],
      description: "'isotropic-sum': sum (dx^2+dy^2)^(beta/2) (official); 'anisotropic-mean': mean|dx|^beta + mean|dy|^beta (port)." + fromPreset,
    },
    maskScale: { type: 'integer', minimum: 1, description: 'Input pixels per mask cell (8: a 28x28 mask at 224).' + fromPreset },
    upsample: {
      type: 'string',
      enum: ['nearest', 'bilinear', 'bilinear-align-corners'],
      description: "Mask upsampling (official 'nearest', port 'bilinear-align-corners')." + fromPreset,
    },
    maskBlur: { type: 'number', minimum: 0, description: 'Sigma of the Gaussian blur of the upsampled mask, 0 for none (official 5, port 0).' + fromPreset },
    jitter: { type: 'integer', minimum: 0, description: 'Random crop jitter in pixels per step (official 4, port 0).' + fromPreset },
    maskNoise: { type: 'number', minimum: 0, description: 'Std of Gaussian noise added to the mask each step (official 0).' + fromPreset },
    inputNoise: {
      type: 'number',
      minimum: 0,
      description: 'Std of Gaussian noise added to the perturbed input each step, model-normalised units (port 0.2).' + fromPreset,
    },
    baseline: {
      type: 'string',
      enum: ['gaussian-10', 'gaussian-median-11'],
      description: "Blurred baseline: 'gaussian-10' (Gaussian sigma 10, official) or 'gaussian-median-11' (mean of Gaussian 11/5 and median 11, port)." + fromPreset,
    },
    init: { type: 'string', enum: ['circle', 'ones', 'random'], description: "Mask initialisation (official 'circle', port 'ones')." + fromPreset },
  },
} as const;
