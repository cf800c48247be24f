/**
 * The model settings every engine's plugin takes (classes, inputSize, mean, std, activation, name,
 * maxBatch), written once with TypeBox: their JSON Schema and the DeclaredModelSettings type derived
 * from it. Their resolution is settings/model-settings.ts. The readonly array types let callers
 * pass constant lists; the oneOf and bare enum keep Ajv's messages as they were.
 */
import type { Activation } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';

const perChannel = (what: string) =>
  Type.Optional(
    Type.Unsafe<readonly number[]>({
      type: 'array', items: { type: 'number' }, minItems: 1,
      description: `Per-channel ${what} of the model normalisation x_model = (x - mean) / std (default: the model's own, else ImageNet for 3 channels, none for others).`,
    }),
  );

/** What a spec entry, a caller or a model file may say about the model. */
const declaredSettingsProperties = {
  classes: Type.Optional(
    Type.Unsafe<readonly string[] | string>({
      oneOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'string', minLength: 1 }],
      description: "Class names (a list), or a names file with one class per line; default: the model's own (metadata, model-info.json, classes.txt beside it), else the dataset's classes.",
    }),
  ),
  inputSize: Type.Optional(
    Type.Unsafe<number | readonly [number, number]>({
      oneOf: [{ type: 'integer', minimum: 1 }, { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2 }],
      description: 'Input side (square) or [height, width]; needed only when the model leaves its input size open.',
    }),
  ),
  mean: perChannel('mean'),
  std: perChannel('standard deviation'),
  activation: Type.Optional(
    Type.Unsafe<Activation>({
      enum: ['sigmoid', 'softmax'],
      description: "How logits become scores: sigmoid (multi-label, the default) or softmax (single label); default: the model's own, else sigmoid.",
    }),
  ),
  name: Type.Optional(Type.String({ description: "Display name (default: the model's own, else the file name without its extension)." })),
};

const declaredSettingsSchema = Type.Object(declaredSettingsProperties);
export type DeclaredModelSettings = Static<typeof declaredSettingsSchema>;

export const modelSettingsProperties = {
  ...declaredSettingsProperties,
  maxBatch: Type.Optional(Type.Integer({ minimum: 1, description: 'Largest batch per engine call; larger batches are split (default: execution.batchSize).' })),
};
