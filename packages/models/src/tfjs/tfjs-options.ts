/** The `tfjs` plugin's options, written once with TypeBox: the JSON Schema and the type derived from it. */
import { stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { modelSettingsProperties } from '../settings/settings-schema.js';

/** tfjs backends in the order `auto` tries them after itself (see tfjs-runtime.ts). */
export const TFJS_BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

export const tfjsSchema = Type.Object(
  {
    model: Type.String({ description: 'Path of model.json or of its directory, relative to the spec file.' }),
    backend: Type.Optional(
      stringEnum(TFJS_BACKENDS, { description: 'tfjs backend: auto tries tensorflow (needs @tensorflow/tfjs-node-gpu or -node installed), then wasm, then cpu.' }),
    ),
    ...modelSettingsProperties,
  },
  { additionalProperties: false },
);

/** Classes, inputSize, mean, std, activation and name: see settings/model-settings.ts. */
export type TfjsClassifierOptions = Static<typeof tfjsSchema>;
