/** The `tfjs` model plugin: any TensorFlow.js model.json on disk. tfjs loads only in create(). */
import { defineModel } from '@saliency-bench/core';
import type { TfjsClassifierOptions } from './load-tfjs-classifier.js';
import { modelSettingsProperties } from '../settings/settings-schema.js';

export type TfjsPluginOptions = TfjsClassifierOptions;

export const tfjsPlugin = defineModel<TfjsPluginOptions>({
  name: 'tfjs',
  version: '1',
  description: 'A TensorFlow.js layers or graph model (model.json + weight shards) run by tfjs; outputs must be logits.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['model'],
    properties: {
      model: { type: 'string', description: 'Path of model.json or of its directory, relative to the spec file.' },
      backend: {
        type: 'string', enum: ['auto', 'tensorflow', 'wasm', 'cpu'],
        description: 'tfjs backend: auto tries tensorflow (needs @tensorflow/tfjs-node-gpu or -node installed), then wasm, then cpu.',
      },
      ...modelSettingsProperties,
    },
  },
  defaults: { model: '', backend: 'auto' },
  async create(options, ctx) {
    const { loadTfjsClassifier } = await import('./load-tfjs-classifier.js');
    return loadTfjsClassifier(options, ctx);
  },
});
