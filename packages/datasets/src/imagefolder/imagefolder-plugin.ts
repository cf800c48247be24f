/** The imagefolder dataset as a plugin. */
import { defineDataset } from '@saliency-bench/core';
import { createImageFolderDataset } from './imagefolder-dataset.js';
import { imageFolderDefaults, imageFolderSchema, type ImageFolderOptions } from './imagefolder-options.js';

export const imageFolderPlugin = defineDataset<ImageFolderOptions>({
  name: 'imagefolder',
  version: '1',
  description: 'A folder of images: one sub-folder per class (ImageNet style) or flat without labels (use targets top-k); no boxes.',
  schema: imageFolderSchema,
  defaults: imageFolderDefaults,
  create: (options, ctx) => createImageFolderDataset(options, ctx.baseDir),
});
