/** The `tfjs` model plugin: any TensorFlow.js model.json on disk. tfjs loads only in create(). */
import { defineModel } from '@saliency-bench/core';
import { tfjsSchema, type TfjsClassifierOptions } from './tfjs-options.js';

export type TfjsPluginOptions = TfjsClassifierOptions;

export const tfjsPlugin = defineModel<TfjsPluginOptions>({
  name: 'tfjs',
  version: '1',
  description: 'A TensorFlow.js layers or graph model (model.json + weight shards) run by tfjs; outputs must be logits.',
  schema: tfjsSchema,
  defaults: { backend: 'auto' },
  async create(options, ctx) {
    const { loadTfjsClassifier } = await import('./load-tfjs-classifier.js');
    return loadTfjsClassifier(options, ctx);
  },
});
