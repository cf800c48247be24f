/**
 * Gradient saliency (Simonyan, Vedaldi, Zisserman, ICLR workshop 2014), as TorchRay computes it:
 * |d logit_t / d x| with the maximum over colour channels. One vjp call per batch of jobs.
 */
import { defineMethod, type Attribution } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { throwIfAborted } from '../common/abort.js';
import { jobBatches, resolveBatchSize } from '../common/job-batches.js';
import { requireModel } from '../common/require-model.js';
import { oneHotRows, stackInputs } from '../common/stack-inputs.js';

const gradientSchema = Type.Object(
  { masksPerBatch: Type.Integer({ minimum: 0, description: "Jobs per vjp call; 0 uses the run's batch size." }) },
  { additionalProperties: false },
);

export type GradientOptions = Static<typeof gradientSchema>;

export const gradientPlugin = defineMethod<GradientOptions>({
  name: 'gradient',
  version: '1',
  description: 'Gradient saliency: absolute input gradient of the target logit, maximum over channels.',
  needsModel: true,
  schema: gradientSchema,
  defaults: { masksPerBatch: 0 },
  create(options) {
    return {
      async explain(jobs, ctx) {
        const model = requireModel(ctx, 'gradient');
        const [channels, h, w] = model.info.inputShape;
        const plane = h * w;
        const out: Attribution[] = [];
        for (const batch of jobBatches(jobs, resolveBatchSize(options.masksPerBatch, ctx.batchSize))) {
          throwIfAborted(ctx.signal);
          const g = oneHotRows(batch, model.info.classes.length, 'gradient', model.info.name);
          const { gInput } = await model.vjp(stackInputs(batch, model.info), batch.length, g);
          batch.forEach((_, j) => {
            const map = new Float32Array(plane);
            for (let c = 0; c < channels; c++) {
              const base = (j * channels + c) * plane;
              for (let i = 0; i < plane; i++) map[i] = Math.max(map[i], Math.abs(gInput[base + i]));
            }
            out.push({ map, height: h, width: w });
          });
        }
        return out;
      },
    };
  },
});
