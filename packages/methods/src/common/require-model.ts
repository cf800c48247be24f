import type { Classifier, MethodContext } from '@saliency-bench/core';

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
