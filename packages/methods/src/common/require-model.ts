import type { Classifier, Job, MethodContext } from '@saliency-bench/core';

/** The context's model, or a clear error naming the method. */
export function requireModel(ctx: MethodContext, method: string): Classifier {
  if (!ctx.model) {
    throw new Error(`method "${method}" needs a model: add a model to the spec's "models" list`);
  }
  const [channels, h, w] = ctx.model.info.inputShape;
  if (!(channels >= 1 && h >= 1 && w >= 1)) {
    throw new Error(`method "${method}": model ${ctx.model.info.name} has an invalid inputShape [${ctx.model.info.inputShape.join(', ')}]`);
  }
  return ctx.model;
}

/** Every job's class must be one of the model's. */
export function checkTargets(jobs: readonly Job[], classes: number, method: string, model: string): void {
  for (const job of jobs) {
    if (!(Number.isInteger(job.classIndex) && job.classIndex >= 0 && job.classIndex < classes)) {
      throw new Error(`${method}: job ${job.key} asks for class ${job.classIndex}; model ${model} has ${classes} classes`);
    }
  }
}
