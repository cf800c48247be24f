/**
 * The `onnx` model plugin. Loading onnxruntime-node happens inside create(), so listing or
 * validating plugins stays light.
 */
import { defineModel } from '@saliency-bench/core';
import type { OnnxClassifierOptions } from './runtime/onnx-classifier.js';
import type { RandomizeOptions } from './runtime/randomize-parameters.js';
import { modelSettingsProperties } from '../settings/settings-schema.js';

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
      ...modelSettingsProperties,
      executionProviders: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'onnxruntime execution providers in order of preference: cpu, webgpu, cuda (default: the spec execution.provider).' },
      threads: { type: 'integer', minimum: 1, maximum: 256, description: 'Intra-op threads of onnxruntime, at most 256 (default: the run threads).' },
      threadSpinning: { type: 'boolean', description: 'Whether idle onnxruntime threads spin (onnxruntime\'s own default) or sleep (the default: measured faster when other processes share the cores).' },
      logLevel: { enum: ['verbose', 'info', 'warning', 'error', 'fatal'], description: "onnxruntime's log level (default error); verbose logs, among much else, on which provider each node runs." },
      randomize: randomizeSchema,
    },
  },
  defaults: {},
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
