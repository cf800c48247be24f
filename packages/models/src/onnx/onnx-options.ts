/**
 * The `onnx` plugin's options, written once with TypeBox: the JSON Schema and the types derived
 * from it (OnnxClassifierOptions is the same without the randomisation test).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { OrtLogLevel } from './runtime/onnx-session.js';
import { modelSettingsProperties } from '../settings/settings-schema.js';

/** The model parameter randomisation test (Adebayo et al. 2018); see randomize-parameters.ts. */
export const randomizeSchema = Type.Object(
  {
    layers: Type.Unsafe<number | 'all'>({
      oneOf: [{ type: 'integer', minimum: 1 }, { const: 'all' }],
      description: 'Re-initialise the last k parameterised layers (Conv, ConvTranspose, Gemm, MatMul), counted from the output (cascading), or "all".',
    }),
    seed: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Seed of the new weights, drawn per tensor from a normal with the trained tensor\'s mean and std.' })),
  },
  { additionalProperties: false, description: 'Sanity check: replace trained weights by random ones of the same shape, mean and scale.' },
);

/** The randomisation as the plugins hand it on: the validator has filled in the seed's default. */
export type RandomizeOptions = Required<Static<typeof randomizeSchema>>;

export const onnxSchema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'The .onnx file; a relative path resolves against the spec file directory.' }),
    ...modelSettingsProperties,
    executionProviders: Type.Optional(
      Type.Array(Type.String(), { minItems: 1, description: 'onnxruntime execution providers in order of preference: cpu, webgpu, cuda (default: the spec execution.provider).' }),
    ),
    threads: Type.Optional(Type.Integer({ minimum: 1, maximum: 256, description: 'Intra-op threads of onnxruntime, at most 256 (default: the run threads).' })),
    threadSpinning: Type.Optional(
      Type.Boolean({ description: 'Whether idle onnxruntime threads spin (onnxruntime\'s own default) or sleep (the default: measured faster when other processes share the cores).' }),
    ),
    logLevel: Type.Optional(
      Type.Unsafe<OrtLogLevel>({
        enum: ['verbose', 'info', 'warning', 'error', 'fatal'],
        description: "onnxruntime's log level (default error); verbose logs, among much else, on which provider each node runs.",
      }),
    ),
    randomize: Type.Optional(randomizeSchema),
  },
  { additionalProperties: false },
);

export type OnnxPluginOptions = Static<typeof onnxSchema>;

/** Classes, inputSize, mean, std, activation and name: see settings/model-settings.ts. */
export type OnnxClassifierOptions = Omit<OnnxPluginOptions, 'randomize'>;
