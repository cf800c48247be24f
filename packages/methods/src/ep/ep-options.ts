/**
 * Extremal Perturbation's options; defaults are TorchRay's extremal_perturbation defaults. The
 * presets are TorchRay's benchmark settings (examples/attribution_benchmark.py): 'none' (one area,
 * 0.1, no smoothing), 'voc' and 'coco' (four areas, smoothing 0.09); the older spelling `benchmark`
 * still works, and `areas` or `smooth` given alongside override the preset.
 */
import { resolveOptions, stringEnum, type PluginPreset } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { masksPerBatchOption } from '../common/options-schema.js';

export const epSchema = Type.Object(
  {
    areas: Type.Optional(
      Type.Array(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), {
        minItems: 1,
        description: 'Target areas, optimised together; the map is the sum of their masks. Default: from the preset ([0.1], or the benchmark\'s four).',
      }),
    ),
    smooth: Type.Optional(
      Type.Number({ minimum: 0, description: 'Gaussian smoothing of the final map, sigma = smooth x shorter side. Default: from the preset (0, or 0.09 with a benchmark).' }),
    ),
    iterations: Type.Integer({ minimum: 1, description: 'Optimisation steps (TorchRay: 800).' }),
    levels: Type.Integer({ minimum: 2, description: 'Blur pyramid levels (8).' }),
    maxBlur: Type.Number({ exclusiveMinimum: 0, description: 'Sigma of the most blurred level, in pixels (20).' }),
    step: Type.Integer({ minimum: 1, description: 'Stride of the mask parameter grid in pixels (7).' }),
    sigma: Type.Number({ exclusiveMinimum: 0, description: 'Smooth-max upsampling kernel size in pixels (21).' }),
    jitter: Type.Boolean({ description: 'Mirror the perturbed input horizontally on even iterations (true).' }),
    variant: stringEnum(['preserve', 'delete', 'dual'], { description: 'Preservation, deletion or both games (preserve).' }),
    reward: stringEnum(['simple', 'contrastive'], { description: "Target score, or target minus the best other class ('simple')." }),
    score: stringEnum(['logit', 'probability'], {
      description: "What the reward reads: the model's raw output as TorchRay does ('logit'), or its probability.",
    }),
    learningRate: Type.Number({ exclusiveMinimum: 0, description: 'SGD learning rate (0.01).' }),
    momentum: Type.Number({ minimum: 0, maximum: 1, description: 'SGD momentum, also used as dampening (0.9).' }),
    regulWeight: Type.Number({ minimum: 0, description: 'Initial weight of the area constraint (300).' }),
    regulGrowth: Type.Number({ minimum: 1, description: 'Factor applied to the area weight after every step (1.0035).' }),
    masksPerBatch: masksPerBatchOption(' (areas x variant rows each)'),
  },
  { additionalProperties: false },
);

export type EpBenchmark = 'none' | 'voc' | 'coco';
/** The options as `create` receives them: areas and smooth filled in by the preset, and its name. */
export type ExtremalPerturbationOptions = Required<Static<typeof epSchema>> & { preset: EpBenchmark };

/** TorchRay examples/attribution_benchmark.py. */
export const epBenchmarks = {
  voc: { areas: [0.025, 0.05, 0.1, 0.2], smooth: 0.09 },
  coco: { areas: [0.018, 0.025, 0.05, 0.1], smooth: 0.09 },
  none: { areas: [0.1], smooth: 0 },
} as const;

/** Everything the options pipeline needs: schema, defaults, presets. */
export const epOptions = {
  name: 'ep',
  schema: epSchema,
  defaults: {
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
  } satisfies Partial<ExtremalPerturbationOptions>,
  presets: {
    none: { description: "TorchRay's defaults: one area", options: { areas: [...epBenchmarks.none.areas], smooth: epBenchmarks.none.smooth } },
    voc: { description: "TorchRay's VOC benchmark", options: { areas: [...epBenchmarks.voc.areas], smooth: epBenchmarks.voc.smooth } },
    coco: { description: "TorchRay's COCO benchmark", options: { areas: [...epBenchmarks.coco.areas], smooth: epBenchmarks.coco.smooth } },
  } satisfies Record<EpBenchmark, PluginPreset<ExtremalPerturbationOptions>>,
  defaultPreset: 'none',
  presetAlias: 'benchmark',
};

/** The preset's areas and smoothing unless `areas` or `smooth` are given. */
export function resolveEpOptions(options: Partial<ExtremalPerturbationOptions> & { benchmark?: EpBenchmark }): ExtremalPerturbationOptions {
  return resolveOptions<ExtremalPerturbationOptions>(epOptions, options);
}
