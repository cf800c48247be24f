/**
 * Softmax (dx = y * (g - sum(g * y))) and ReduceMean (dx = g / count, expanded). Softmax before
 * opset 13 normalizes over all axes from `axis` on (the 2-D coercion); it is re-emitted in the
 * opset-13 form through Flatten when the two differ.
 */
import { numbers, scalar } from '../../proto/attributes.js';
import type { InferContext, OpRule } from './op-rule.js';
import { axis } from './shape-math.js';
import { expandTarget, reshapeTarget } from './static-shape.js';

function softmaxAxes(ctx: InferContext): number[] {
  const rank = ctx.shape(0).length;
  const at = axis(scalar(ctx.attributes.axis, ctx.opset < 13 ? 1 : -1), rank);
  return ctx.opset < 13 ? Array.from({ length: rank - at }, (_, i) => at + i) : [at];
}

export const softmax: OpRule = {
  op: 'Softmax',
  infer: (ctx) => [{ shape: ctx.shape(0), dataType: ctx.dataType(0) }],
  forward(ctx) {
    const axes = softmaxAxes(ctx);
    if (axes.length === 1) return ctx.emitAsIs({ axis: axes[0] });
    const flat = ctx.g.node('Flatten', [ctx.input(0)], { axis: axes[0] });
    const normalized = ctx.g.node('Softmax', [flat], { axis: 1 });
    ctx.g.nodeOutputs('Reshape', [normalized, reshapeTarget(ctx.g, ctx.shape(0), axes[0] === 0 ? [1] : ctx.shape(0), ctx.input(0))], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const y = ctx.output(0);
    const weighted = ctx.g.node('ReduceSum', [ctx.g.node('Mul', [g, y]), ctx.int64s(softmaxAxes(ctx))], { keepdims: 1 });
    ctx.addGrad(0, ctx.g.node('Mul', [y, ctx.g.node('Sub', [g, weighted])]));
  },
};

function reduceAxes(ctx: InferContext): number[] {
  const rank = ctx.shape(0).length;
  const raw = ctx.opset >= 18 ? (ctx.has(1) ? ctx.ints(1, 'axes') : undefined) : numbers(ctx.attributes.axes);
  return (raw ?? Array.from({ length: rank }, (_, i) => i)).map((a) => axis(a, rank)).sort((a, b) => a - b);
}

export const reduceMean: OpRule = {
  op: 'ReduceMean',
  infer(ctx) {
    if (ctx.opset >= 18 && scalar(ctx.attributes.noop_with_empty_axes, 0)) ctx.fail('noop_with_empty_axes is not supported');
    const axes = reduceAxes(ctx);
    const keep = scalar(ctx.attributes.keepdims, 1) === 1;
    const shape = ctx.shape(0).flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]));
    return [{ shape, dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const axes = reduceAxes(ctx);
    const sizes = axes.map((i) => ctx.shape(0)[i]);
    if (sizes.some((d) => typeof d !== 'number')) ctx.fail('averaging over the batch axis is not supported');
    const count = (sizes as number[]).reduce((a, b) => a * b, 1);
    const kept = scalar(ctx.attributes.keepdims, 1) === 1 ? g : ctx.g.node('Unsqueeze', [g, ctx.int64s(axes)]);
    const scaled = ctx.g.node('Mul', [kept, ctx.floats([1 / count], [])]);
    ctx.addGrad(0, ctx.g.node('Expand', [scaled, expandTarget(ctx.g, ctx.shape(0), ctx.input(0))]));
  },
};
