/**
 * The `onnx` model plugin. Loading onnxruntime-node happens inside create(), so listing or
 * validating plugins stays light.
 */
import { defineModel } from '@saliency-bench/core';
import type { OnnxClassifierOptions } from './runtime/onnx-classifier.js';
import type { RandomizeOptions } from './runtime/randomize-parameters.js';

/** The model parameter randomisation test (Adebayo et al. 2018); see randomize-parameters.ts. */
export const randomizeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['layers'],
  properties: {
    layers: {
      oneOf: [{ type: 'integer', minimum: 1 }, { const: 'all' }],
      description: 'Re-initialise the last k parameterised layers (Conv, ConvTranspose, Gemm, MatMul), counted from the output (cascading), or "all".',
    },
    seed: { type: 'integer', minimum: 0, default: 0, description: 'Seed of the new weights, drawn per tensor from a normal with the trained tensor\'s mean and std.' },
  },
  description: 'Sanity check: replace trained weights by random ones of the same shape, mean and scale.',
} as const;

const numberList = (description: string) => ({ type: 'array', items: { type: 'number' }, minItems: 1, description });

export const onnxPlugin = defineModel<Partial<OnnxClassifierOptions> & { randomize?: Partial<RandomizeOptions> }>({
  name: 'onnx',
  version: '1',
  description: 'An ONNX image classifier run by onnxruntime-node; input gradients come from a backward graph compiled from the model.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', minLength: 1, description: 'The .onnx file; a relative path resolves against the spec file directory.' },
      classes: {
        oneOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'string', minLength: 1 }],
        description: "Class names (a list), or a names file with one class per line; default: the dataset's classes.",
      },
      inputSize: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2, description: '[height, width]; needed only when the model input size is dynamic.' },
      mean: numberList('Per-channel mean of the model normalisation (default: ImageNet for 3 channels).'),
      std: numberList('Per-channel standard deviation of the model normalisation (default: ImageNet for 3 channels).'),
      activation: { enum: ['sigmoid', 'softmax'], description: 'How logits become scores: softmax (single label) or sigmoid (multi-label).' },
      executionProviders: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'onnxruntime execution providers in order of preference: cpu, webgpu, cuda (default: the spec execution.provider).' },
      threads: { type: 'integer', minimum: 1, maximum: 256, description: 'Intra-op threads of onnxruntime, at most 256 (default: the run threads).' },
      threadSpinning: { type: 'boolean', description: 'Whether idle onnxruntime threads spin (fast on an idle machine) or sleep (kinder to other processes on the same cores).' },
      logLevel: { enum: ['verbose', 'info', 'warning', 'error', 'fatal'], description: "onnxruntime's log level (default error); verbose logs, among much else, on which provider each node runs." },
      maxBatch: { type: 'integer', minimum: 1, description: 'Largest batch per session call; larger batches are split.' },
      name: { type: 'string', description: 'Display name (default: the file name without .onnx).' },
      randomize: randomizeSchema,
    },
  },
  defaults: { activation: 'softmax', maxBatch: 32 },
  async create(options, ctx) {
    if (!options.path) throw new Error('the onnx model needs options.path (the .onnx file)');
    const { randomize, ...rest } = options;
    if (randomize) {
      const { loadRandomizedOnnx } = await import('./runtime/load-randomized-onnx.js');
      return loadRandomizedOnnx(rest as OnnxClassifierOptions, { layers: randomize.layers!, seed: randomize.seed ?? 0 }, ctx);
    }
    const { loadOnnxClassifier } = await import('./runtime/onnx-classifier.js');
    return loadOnnxClassifier(rest as OnnxClassifierOptions, ctx);
  },
});
