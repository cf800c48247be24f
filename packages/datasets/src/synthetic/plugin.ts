/** The synthetic dataset as a plugin: procedurally generated multi-label images, no files needed. */
import { defineDataset } from '@saliency-bench/core';
import { checkObjectCounts, syntheticDefaults, syntheticSchema, type SyntheticOptions } from './options.js';
import { syntheticDataset } from './synthetic-dataset.js';

export const syntheticPlugin = defineDataset<SyntheticOptions>({
  name: 'synthetic',
  version: '1',
  description:
    'Procedural multi-label images (8 shape+texture classes, 1-3 objects anywhere, occlusion, distractors, clutter) with boxes and visible masks; deterministic from (seed, split, index).',
  schema: syntheticSchema,
  defaults: syntheticDefaults,
  // The pipeline has defaulted and checked every field; only the cross-field rule is left.
  create: (options) => syntheticDataset(checkObjectCounts(options)),
});
