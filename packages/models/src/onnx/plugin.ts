/**
 * The `onnx` model plugin. Loading onnxruntime-node happens inside create(), so listing or
 * validating plugins stays light.
 */
import { defineModel } from '@saliency-bench/core';
import { onnxSchema, type OnnxPluginOptions, type RandomizeOptions } from './onnx-options.js';

export { randomizeSchema } from './onnx-options.js';

export const onnxPlugin = defineModel<OnnxPluginOptions>({
  name: 'onnx',
  version: '1',
  description: 'An ONNX image classifier run by onnxruntime-node; input gradients come from a backward graph compiled from the model.',
  schema: onnxSchema,
  defaults: {},
  async create(options, ctx) {
    const { randomize, ...rest } = options;
    if (randomize) {
      const { loadRandomizedOnnx } = await import('./runtime/load-randomized-onnx.js');
      // The validator has filled in the seed's default.
      return loadRandomizedOnnx(rest, randomize as RandomizeOptions, ctx);
    }
    const { loadOnnxClassifier } = await import('./runtime/onnx-classifier.js');
    return loadOnnxClassifier(rest, ctx);
  },
});
