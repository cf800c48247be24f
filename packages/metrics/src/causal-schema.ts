/** Option schema shared by insertion and deletion. */
export function causalSchemaProperties(verb: 'restored' | 'removed'): Record<string, unknown> {
  return {
    step: { type: 'integer', minimum: 1, description: `Pixels ${verb} per step at the model input resolution.` },
    batchSize: { type: 'integer', minimum: 1, description: 'Step images per model forward call.' },
    classOf: {
      type: 'string',
      enum: ['target', 'top1'],
      description: "Class whose probability is scored: 'target' (the job's class) or 'top1' (the clean image's top class, as the RISE and RP code do).",
    },
    recordCurve: { type: 'boolean', description: 'Store the whole probability curve in the record (extra.curve).' },
  };
}
