/** Extremal Perturbation's options; defaults are TorchRay's extremal_perturbation defaults. */
import type { EpVariant } from './ep-objective.js';

export type EpBenchmark = 'none' | 'voc' | 'coco';

export interface ExtremalPerturbationOptions {
  /** Target areas; default [0.1], or the benchmark preset's list. */
  areas?: number[];
  /** Final smoothing, as a fraction of the shorter side; default 0, or 0.09 with a benchmark preset. */
  smooth?: number;
  benchmark: EpBenchmark;
  iterations: number;
  levels: number;
  maxBlur: number;
  step: number;
  sigma: number;
  jitter: boolean;
  variant: EpVariant;
  reward: 'simple' | 'contrastive';
  score: 'logit' | 'probability';
  learningRate: number;
  momentum: number;
  regulWeight: number;
  regulGrowth: number;
  masksPerBatch: number;
}

export const epDefaults: ExtremalPerturbationOptions = {
  benchmark: 'none',
  iterations: 800,
  levels: 8,
  maxBlur: 20,
  step: 7,
  sigma: 21,
  jitter: true,
  variant: 'preserve',
  reward: 'simple',
  score: 'logit',
  learningRate: 0.01,
  momentum: 0.9,
  regulWeight: 300,
  regulGrowth: 1.0035,
  masksPerBatch: 0,
};

/** TorchRay examples/attribution_benchmark.py. */
export const epBenchmarks = {
  voc: { areas: [0.025, 0.05, 0.1, 0.2], smooth: 0.09 },
  coco: { areas: [0.018, 0.025, 0.05, 0.1], smooth: 0.09 },
  none: { areas: [0.1], smooth: 0 },
} as const;

export function resolveEpOptions(options: Partial<ExtremalPerturbationOptions>): Required<ExtremalPerturbationOptions> {
  const merged = { ...epDefaults, ...options };
  const preset = epBenchmarks[merged.benchmark];
  if (!preset) throw new Error(`ep: options.benchmark must be 'none', 'voc' or 'coco', got ${String(merged.benchmark)}`);
  const areas = merged.areas ?? [...preset.areas];
  if (areas.length === 0 || areas.some((a) => !(a > 0 && a < 1))) {
    throw new Error(`ep: options.areas must be a non-empty list of fractions in (0, 1), got [${areas.join(', ')}]`);
  }
  return { ...merged, areas, smooth: merged.smooth ?? preset.smooth };
}

export const epSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    areas: {
      type: 'array',
      items: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      minItems: 1,
      description: 'Target areas, optimised together; the map is the sum of their masks. Default [0.1] or the benchmark preset.',
    },
    smooth: { type: 'number', minimum: 0, description: 'Gaussian smoothing of the final map, sigma = smooth x shorter side. Default 0 or 0.09 with a benchmark preset.' },
    benchmark: { type: 'string', enum: ['none', 'voc', 'coco'], description: "TorchRay's benchmark setting: VOC or COCO areas with smooth 0.09." },
    iterations: { type: 'integer', minimum: 1, description: 'Optimisation steps (TorchRay: 800).' },
    levels: { type: 'integer', minimum: 2, description: 'Blur pyramid levels (8).' },
    maxBlur: { type: 'number', exclusiveMinimum: 0, description: 'Sigma of the most blurred level, in pixels (20).' },
    step: { type: 'integer', minimum: 1, description: 'Stride of the mask parameter grid in pixels (7).' },
    sigma: { type: 'number', exclusiveMinimum: 0, description: 'Smooth-max upsampling kernel size in pixels (21).' },
    jitter: { type: 'boolean', description: 'Mirror the perturbed input horizontally on even iterations (true).' },
    variant: { type: 'string', enum: ['preserve', 'delete', 'dual'], description: 'Preservation, deletion or both games (preserve).' },
    reward: { type: 'string', enum: ['simple', 'contrastive'], description: "Target score, or target minus the best other class ('simple')." },
    score: {
      type: 'string',
      enum: ['logit', 'probability'],
      description: "What the reward reads: the model's raw output as TorchRay does ('logit'), or its probability.",
    },
    learningRate: { type: 'number', exclusiveMinimum: 0, description: 'SGD learning rate (0.01).' },
    momentum: { type: 'number', minimum: 0, maximum: 1, description: 'SGD momentum, also used as dampening (0.9).' },
    regulWeight: { type: 'number', minimum: 0, description: 'Initial weight of the area constraint (300).' },
    regulGrowth: { type: 'number', minimum: 1, description: 'Factor applied to the area weight after every step (1.0035).' },
    masksPerBatch: { type: 'integer', minimum: 0, description: "Jobs whose masks share one model call (areas x variant rows each); 0 uses the run's batch size." },
  },
} as const;
