/** The sliding-window geometry shared by MaxPool and AveragePool. */
import { numbers, scalar } from '../../proto/attributes.js';
import type { InferContext } from './op-rule.js';
import { slidingWindow, type Window } from './shape-math.js';

export function poolWindow(ctx: InferContext): { window: Window; spatial: number[] } {
  const x = ctx.shape(0);
  const kernel = numbers(ctx.attributes.kernel_shape) ?? ctx.fail('kernel_shape is required');
  const window = slidingWindow(ctx, x.slice(2), kernel, scalar(ctx.attributes.ceil_mode, 0) === 1);
  return { window, spatial: x.slice(2) as number[] };
}

export function pooledShape(ctx: InferContext) {
  const x = ctx.shape(0);
  return [...x.slice(0, 2), ...poolWindow(ctx).window.output];
}
