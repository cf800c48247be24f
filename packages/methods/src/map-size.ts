/** Where a model-free baseline draws its map: the model's input size if there is one, else the sample's. */
import type { Job, MethodContext } from '@saliency-bench/core';

export function mapSize(job: Job, ctx: MethodContext): { height: number; width: number } {
  if (ctx.model) return { height: ctx.model.info.inputShape[1], width: ctx.model.info.inputShape[2] };
  return { height: job.sample.height, width: job.sample.width };
}
