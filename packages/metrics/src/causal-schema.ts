/** Options shared by insertion and deletion: the schema's properties and the type derived from them. */
import { stringEnum } from '@saliency-bench/core';
import { Type, type Static, type TObject } from '@sinclair/typebox';

export function causalSchemaProperties(verb: 'restored' | 'removed') {
  return {
    step: Type.Integer({ minimum: 1, description: `Pixels ${verb} per step at the model input resolution.` }),
    batchSize: Type.Integer({ minimum: 1, description: 'Step images per model forward call.' }),
    classOf: stringEnum(['target', 'top1'], {
      description: "Class whose probability is scored: 'top1' (default: the clean image's top class, as the RISE and RP code do) or 'target' (the job's class).",
    }),
    recordCurve: Type.Boolean({ description: 'Store the whole probability curve in the record (extra.curve).' }),
  };
}

export type CausalOptions = Static<TObject<ReturnType<typeof causalSchemaProperties>>>;
