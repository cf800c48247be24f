/**
 * Gather, Slice and Split on image tensors (torchvision's GoogLeNet/Inception-v3 normalise the
 * input channel by channel with Gather; some exports split channels). Indices, starts/ends and
 * split sizes must be constants. Gradients place the output gradient back with zero padding.
 */
import { numbers, scalar } from '../../proto/attributes.js';
import { foldGather, foldSlice } from './constant-ops.js';
import type { GradContext, InferContext, OpRule } from './op-rule.js';
import { axis, staticDim } from './shape-math.js';

/** Zero-pads `value` along one axis: `before` and `after` entries. */
function padAxis(ctx: GradContext, value: string, rank: number, at: number, before: number, after: number): string {
  const pads = new Array(2 * rank).fill(0);
  pads[at] = before;
  pads[at + rank] = after;
  return ctx.g.node('Pad', [value, ctx.int64s(pads)]);
}

function gatherGeometry(ctx: InferContext) {
  const data = ctx.shape(0);
  const at = axis(scalar(ctx.attributes.axis, 0), data.length);
  const indices = ctx.ints(1, 'indices');
  const indexDims = ctx.shape(1) as number[];
  if (indexDims.length > 1) ctx.fail('indices of rank > 1 are not supported on image tensors');
  const size = staticDim(ctx, data[at], 'the gathered axis');
  return { data, at, size, indices: indices.map((i) => (i < 0 ? i + size : i)), indexDims };
}

export const gather: OpRule = {
  op: 'Gather',
  notes: 'constant indices',
  fold: foldGather,
  infer(ctx) {
    const { data, at, indexDims } = gatherGeometry(ctx);
    return [{ shape: [...data.slice(0, at), ...indexDims, ...data.slice(at + 1)], dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const { data, at, size, indices, indexDims } = gatherGeometry(ctx);
    const rank = data.length;
    if (indexDims.length === 0) {
      const restored = ctx.g.node('Unsqueeze', [g, ctx.int64s([at])]);
      return ctx.addGrad(0, padAxis(ctx, restored, rank, at, indices[0], size - 1 - indices[0]));
    }
    indices.forEach((index, j) => {
      const part = ctx.g.node('Slice', [g, ctx.int64s([j]), ctx.int64s([j + 1]), ctx.int64s([at])]);
      ctx.addGrad(0, padAxis(ctx, part, rank, at, index, size - 1 - index));
    });
  },
};

function sliceGeometry(ctx: InferContext) {
  const data = ctx.shape(0);
  const starts = ctx.ints(1, 'starts');
  const ends = ctx.ints(2, 'ends');
  const axes = (ctx.has(3) ? ctx.ints(3, 'axes') : starts.map((_, i) => i)).map((a) => axis(a, data.length));
  if (ctx.has(4) && ctx.ints(4, 'steps').some((s) => s !== 1)) ctx.fail('steps other than 1 are not supported on image tensors');
  const ranges = axes.map((a, i) => {
    const size = staticDim(ctx, data[a], 'a sliced axis');
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
    return { axis: a, size, start: clamp(starts[i]), end: Math.max(clamp(starts[i]), clamp(ends[i])) };
  });
  return { data, ranges };
}

export const slice: OpRule = {
  op: 'Slice',
  notes: 'constant starts and ends',
  fold: foldSlice,
  infer(ctx) {
    if (ctx.opset < 10) ctx.fail('Slice before opset 10 is only supported on constants');
    const { data, ranges } = sliceGeometry(ctx);
    const shape = [...data];
    for (const r of ranges) shape[r.axis] = r.end - r.start;
    return [{ shape, dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const { data, ranges } = sliceGeometry(ctx);
    const pads = new Array(2 * data.length).fill(0);
    for (const r of ranges) {
      pads[r.axis] = r.start;
      pads[r.axis + data.length] = r.size - r.end;
    }
    ctx.addGrad(0, ctx.g.node('Pad', [g, ctx.int64s(pads)]));
  },
};

function splitSizes(ctx: InferContext): { at: number; sizes: number[] } {
  const data = ctx.shape(0);
  const at = axis(scalar(ctx.attributes.axis, 0), data.length);
  const total = staticDim(ctx, data[at], 'the split axis');
  const given = ctx.opset < 13 ? numbers(ctx.attributes.split) : ctx.has(1) ? ctx.ints(1, 'split') : undefined;
  const parts = ctx.node.outputs.length;
  const even = Math.ceil(total / parts);
  return { at, sizes: given ?? Array.from({ length: parts }, (_, i) => Math.min(even, total - i * even)) };
}

export const split: OpRule = {
  op: 'Split',
  notes: 'constant sizes',
  infer(ctx) {
    const { at, sizes } = splitSizes(ctx);
    return sizes.map((size) => ({ shape: ctx.shape(0).map((d, i) => (i === at ? size : d)), dataType: ctx.dataType(0) }));
  },
  forward(ctx) {
    const { at, sizes } = splitSizes(ctx);
    ctx.g.nodeOutputs('Split', [ctx.input(0), ctx.g.constant(sizes)], { axis: at }, { outputs: ctx.node.outputs, name: ctx.node.name });
  },
  grad(ctx) {
    if (!ctx.needsGrad(0)) return;
    const { at } = splitSizes(ctx);
    // Outputs that no gradient reached contribute zeros of their own shape.
    const parts = ctx.node.outputs.map((_, k) => ctx.gradOutput(k) ?? ctx.g.node('Mul', [ctx.output(k), ctx.floats([0], [])]));
    ctx.addGrad(0, ctx.g.node('Concat', parts, { axis: at }));
  },
};
