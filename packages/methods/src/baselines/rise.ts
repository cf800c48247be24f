/**
 * RISE (Petsiuk, Das, Saenko, BMVC 2018) with TorchRay's defaults: saliency_t =
 * sum_i f_t(x * M_i) M_i / (N p), f the model's probabilities. Masks are generated on the fly,
 * `batch` at a time (memory bounded by the batch), from a stream keyed by the sample, so all
 * classes of one sample share their masks and forward passes, and a map never depends on its batch.
 */
import { defineMethod, modelInputOf, rowProbabilities, type Attribution, type Job, type MethodContext } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { throwIfAborted } from '../common/abort.js';
import { requireModel } from '../common/require-model.js';
import { RiseMaskGenerator } from './rise-masks.js';

const riseSchema = Type.Object(
  {
    masks: Type.Integer({ minimum: 1, description: 'Number of random masks N (TorchRay: 8000).' }),
    cells: Type.Integer({ minimum: 1, description: 'Grid cells per side s (TorchRay: 7).' }),
    keepProbability: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Probability p that a cell is kept (TorchRay: 0.5).' }),
    batch: Type.Integer({ minimum: 1, description: 'Masked images per forward call; bounds memory (TorchRay: 32).' }),
  },
  { additionalProperties: false },
);

export type RiseOptions = Static<typeof riseSchema>;

async function explainSample(jobs: Job[], ctx: MethodContext, options: RiseOptions): Promise<Float32Array[]> {
  const model = requireModel(ctx, 'rise');
  const [channels, h, w] = model.info.inputShape;
  const classes = model.info.classes.length;
  const plane = h * w;
  const x = modelInputOf(jobs[0], model.info);
  // One stream per sample: the masks are the same for every class of the sample.
  const random = ctx.random({ ...jobs[0], key: `rise-masks:${jobs[0].sample.id}`, classIndex: -1 });
  const generator = new RiseMaskGenerator(options.cells, options.keepProbability, h, w);
  const sums = jobs.map(() => new Float64Array(plane));
  for (let done = 0; done < options.masks; done += options.batch) {
    throwIfAborted(ctx.signal);
    const count = Math.min(options.batch, options.masks - done);
    const masks = generator.next(random, count);
    const inputs = new Float32Array(count * channels * plane);
    for (let m = 0; m < count; m++) {
      for (let c = 0; c < channels; c++) {
        const dst = (m * channels + c) * plane;
        for (let i = 0; i < plane; i++) inputs[dst + i] = x[c * plane + i] * masks[m * plane + i];
      }
    }
    const logits = await model.forward(inputs, count);
    for (let m = 0; m < count; m++) {
      const p = rowProbabilities(logits, m * classes, classes, model.info.activation);
      jobs.forEach((job, j) => {
        const score = p[job.classIndex];
        const sum = sums[j];
        for (let i = 0; i < plane; i++) sum[i] += score * masks[m * plane + i];
      });
    }
  }
  const scale = 1 / (options.masks * options.keepProbability);
  return sums.map((sum) => Float32Array.from(sum, (v) => v * scale));
}

export const risePlugin = defineMethod<RiseOptions>({
  name: 'rise',
  version: '1',
  description: 'RISE: probability-weighted average of random upsampled binary masks (TorchRay defaults).',
  needsModel: true,
  schema: riseSchema,
  defaults: { masks: 8000, cells: 7, keepProbability: 0.5, batch: 32 },
  create(settings) {
    return {
      async explain(jobs, ctx) {
        const model = requireModel(ctx, 'rise');
        const classes = model.info.classes.length;
        const [, h, w] = model.info.inputShape;
        const bySample = new Map<string, number[]>();
        jobs.forEach((job, i) => {
          if (!(job.classIndex >= 0 && job.classIndex < classes)) {
            throw new Error(`rise: job ${job.key} asks for class ${job.classIndex}; model ${model.info.name} has ${classes} classes`);
          }
          bySample.set(job.sample.id, [...(bySample.get(job.sample.id) ?? []), i]);
        });
        const out: Attribution[] = new Array(jobs.length);
        for (const indices of bySample.values()) {
          const maps = await explainSample(indices.map((i) => jobs[i]), ctx, settings);
          indices.forEach((i, k) => (out[i] = { map: maps[k], height: h, width: w }));
        }
        return out;
      },
    };
  },
});
