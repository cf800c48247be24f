/**
 * The JSON Schema of the model settings every engine's plugin takes (classes, inputSize, mean,
 * std, activation, name, maxBatch), written once; their resolution is settings/model-settings.ts.
 */
const perChannel = (what: string) => ({
  type: 'array', items: { type: 'number' }, minItems: 1,
  description: `Per-channel ${what} of the model normalisation x_model = (x - mean) / std (default: the model's own, else ImageNet for 3 channels, none for others).`,
});

export const modelSettingsProperties = {
  classes: {
    oneOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'string', minLength: 1 }],
    description: "Class names (a list), or a names file with one class per line; default: the model's own (metadata, model-info.json, classes.txt beside it), else the dataset's classes.",
  },
  inputSize: {
    oneOf: [{ type: 'integer', minimum: 1 }, { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2 }],
    description: 'Input side (square) or [height, width]; needed only when the model leaves its input size open.',
  },
  mean: perChannel('mean'),
  std: perChannel('standard deviation'),
  activation: { enum: ['sigmoid', 'softmax'], description: "How logits become scores: sigmoid (multi-label, the default) or softmax (single label); default: the model's own, else sigmoid." },
  name: { type: 'string', description: "Display name (default: the model's own, else the file name without its extension)." },
  maxBatch: { type: 'integer', minimum: 1, description: 'Largest batch per engine call; larger batches are split (default: execution.batchSize).' },
} as const;
