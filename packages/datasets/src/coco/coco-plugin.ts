/** The coco dataset as a plugin. */
import { defineDataset } from '@saliency-bench/core';
import { createCocoDataset } from './coco-dataset.js';
import { cocoDefaults, cocoSchema, type CocoOptions } from './coco-options.js';

export const cocoPlugin = defineDataset<CocoOptions>({
  name: 'coco',
  version: '1',
  description: 'COCO 2014/2017 instances: an images folder and instances_<split>.json; 80 categories in id order, boxes and polygon/RLE masks, crowd regions left out.',
  schema: cocoSchema,
  defaults: cocoDefaults,
  create: (options, ctx) => createCocoDataset(options, ctx.baseDir),
});
