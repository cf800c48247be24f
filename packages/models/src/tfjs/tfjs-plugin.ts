/** The `tfjs` model plugin: any TensorFlow.js model.json on disk. tfjs loads only in create(). */
import { isAbsolute, resolve } from 'node:path';
import { defineModel } from '@saliency-bench/core';
import type { TfjsBackendName } from './tfjs-runtime.js';

export interface TfjsPluginOptions {
  model: string;
  backend: TfjsBackendName;
  classes?: string[] | string;
  inputSize?: number;
  mean?: number[];
  std?: number[];
  activation?: 'sigmoid' | 'softmax';
}

const channelValues = (description: string) => ({
  type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 4, description,
});

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
      classes: {
        oneOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'string' }],
        description: 'Class names, or a classes.txt path; default: the model metadata, classes.txt beside model.json, then the dataset classes.',
      },
      inputSize: { type: 'integer', minimum: 8, description: 'Square input side, for models without a fixed input size.' },
      mean: channelValues('Per-channel mean of the model normalisation (default: model metadata, else ImageNet).'),
      std: channelValues('Per-channel std of the model normalisation (default: model metadata, else ImageNet).'),
      activation: { type: 'string', enum: ['sigmoid', 'softmax'], description: 'How logits become probabilities (default: model metadata, else sigmoid).' },
    },
  },
  defaults: { model: '', backend: 'auto' },
  async create(options, ctx) {
    const { loadTfjsClassifier } = await import('./load-tfjs-classifier.js');
    const base = (path: string) => (isAbsolute(path) ? path : resolve(ctx.baseDir, path));
    return loadTfjsClassifier({
      ...options,
      model: base(options.model),
      classes: typeof options.classes === 'string' ? base(options.classes) : options.classes,
      batchSize: ctx.execution.batchSize,
      fallbackClasses: ctx.datasetClasses,
    });
  },
});
