/** The voc dataset as a plugin. */
import { defineDataset } from '@saliency-bench/core';
import { createVocDataset } from './voc-dataset.js';
import { vocDefaults, vocSchema, type VocOptions } from './voc-options.js';

export const vocPlugin = defineDataset<VocOptions>({
  name: 'voc',
  version: '1',
  description: 'PASCAL VOC 2007/2012 from a VOCdevkit folder: a split list, XML boxes (difficult flags kept), JPEG images as stored; 20 classes in the standard order.',
  schema: vocSchema,
  defaults: vocDefaults,
  create: (options, ctx) => createVocDataset(options, ctx.baseDir),
});
