/** Option schema shared by insertion and deletion. */
export function causalSchemaProperties(verb: 'restored' | 'removed'): Record<string, unknown> {
  return {
    step: { type: 'integer', minimum: 1, description: `Pixels ${verb} per step at the model input resolution.` },
    batchSize: { type: 'integer', minimum: 1, description: 'Step images per model forward call.' },
    classOf: {
      type: 'string',
      enum: ['target', 'top1'],
      description: "Class whose probability is scored: 'top1' (default: the clean image's top class, as the RISE and RP code do) or 'target' (the job's class).",
    },
    recordCurve: { type: 'boolean', description: 'Store the whole probability curve in the record (extra.curve).' },
  };
}
