/**
 * The `builtin` model plugin: the shipped, trained backbone for the synthetic dataset, on either
 * engine. Classes, mean/std and the sigmoid activation come with it. Engines load only in create().
 */
import { defineModel, stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { BACKBONE_MEAN, BACKBONE_STD } from './backbone-spec.js';
import { BUILTIN_CLASSES, BUILTIN_ONNX_MODEL, BUILTIN_TFJS_MODEL } from './builtin-weights.js';
import { randomizeSchema, type RandomizeOptions } from '../onnx/onnx-options.js';
import { TFJS_BACKENDS } from '../tfjs/tfjs-options.js';

export const builtinSchema = Type.Object(
  {
    engine: Type.Optional(stringEnum(['onnx', 'tfjs'], { description: 'Which engine runs it: onnx (onnxruntime-node, the default) or tfjs.' })),
    backend: Type.Optional(
      stringEnum(TFJS_BACKENDS, { description: 'tfjs backend when engine is tfjs: auto tries tensorflow (@tensorflow/tfjs-node-gpu or -node, if installed), wasm, cpu.' }),
    ),
    /** The parameter randomisation sanity check, as for the onnx plugin (onnx engine only). */
    randomize: Type.Optional(randomizeSchema),
  },
  { additionalProperties: false },
);

type BuiltinSchemaOptions = Static<typeof builtinSchema>;
const builtinDefaults: Required<Pick<BuiltinSchemaOptions, 'engine' | 'backend'>> = { engine: 'onnx', backend: 'auto' };

/** The options as `create` receives them: engine and backend filled in. */
export type BuiltinPluginOptions = BuiltinSchemaOptions & typeof builtinDefaults;

export const builtinPlugin = defineModel<BuiltinPluginOptions>({
  name: 'builtin',
  version: '1',
  description: 'The built-in CNN trained on the synthetic dataset (96x96 input, 8 classes, sigmoid outputs), shipped with the package.',
  schema: builtinSchema,
  defaults: builtinDefaults,
  async create(options, ctx) {
    const common = { mean: [...BACKBONE_MEAN], std: [...BACKBONE_STD], activation: 'sigmoid' as const, name: 'builtin' };
    if (options.randomize && options.engine !== 'onnx') throw new Error('builtin model: randomize needs engine "onnx"');
    if (options.randomize) {
      const { loadRandomizedOnnx } = await import('../onnx/runtime/load-randomized-onnx.js');
      // The validator has filled in the seed's default.
      const randomize = options.randomize as RandomizeOptions;
      return loadRandomizedOnnx({ ...common, name: `builtin-randomized-${randomize.layers}`, path: BUILTIN_ONNX_MODEL, classes: BUILTIN_CLASSES }, randomize, ctx);
    }
    if (options.engine === 'tfjs') {
      const { loadTfjsClassifier } = await import('../tfjs/load-tfjs-classifier.js');
      return loadTfjsClassifier({ ...common, model: BUILTIN_TFJS_MODEL, classes: BUILTIN_CLASSES, backend: options.backend }, ctx);
    }
    const { loadOnnxClassifier } = await import('../onnx/runtime/onnx-classifier.js');
    return loadOnnxClassifier({ ...common, path: BUILTIN_ONNX_MODEL, classes: BUILTIN_CLASSES }, ctx);
  },
});
