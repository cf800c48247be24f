/**
 * Concat (the gradient of each input is a Slice of the output gradient) and constant-mode Pad
 * (the gradient is the un-padded window of the output gradient).
 */
import { numbers, scalar } from '../../proto/attributes.js';
import type { Dim, InferContext, OpRule } from './op-rule.js';
import { axis, staticDim } from './shape-math.js';

function concatAxis(ctx: InferContext): number {
  return axis(scalar(ctx.attributes.axis, 0), ctx.shape(0).length);
}

export const concat: OpRule = {
  op: 'Concat',
  infer(ctx) {
    const at = concatAxis(ctx);
    const shapes = ctx.node.inputs.map((_, i) => ctx.shape(i));
    const sizes = shapes.map((s) => s[at]);
    const total = sizes.every((d) => typeof d === 'number') ? (sizes as number[]).reduce((a, b) => a + b, 0) : `concat(${sizes})`;
    return [{ shape: shapes[0].map((d, i) => (i === at ? total : d)), dataType: ctx.dataType(0) }];
  },
  fold(ctx) {
    // Only 1-D shape vectors are folded (the Shape/Gather/Unsqueeze/Concat chains of exporters).
    const parts = ctx.node.inputs.map((_, i) => ctx.constant(i));
    const values = parts.map((c) => (c && c.dims.length === 1 ? ctx.decode(c) : undefined));
    if (values.some((v) => !v)) return undefined;
    const all = (values as Dim[][]).flat();
    return [{ dataType: parts[0]!.dataType, dims: [all.length], values: all }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g) return;
    const at = concatAxis(ctx);
    let offset = 0;
    ctx.node.inputs.forEach((_, i) => {
      const size = staticDim(ctx, ctx.shape(i)[at], 'the concatenated axis');
      if (ctx.needsGrad(i)) ctx.addGrad(i, ctx.g.node('Slice', [g, ctx.int64s([offset]), ctx.int64s([offset + size]), ctx.int64s([at])]));
      offset += size;
    });
  },
};

function padAmounts(ctx: InferContext): number[] {
  return ctx.opset < 11 ? numbers(ctx.attributes.pads) ?? ctx.fail('pads are required') : ctx.ints(1, 'pads');
}

export const pad: OpRule = {
  op: 'Pad',
  notes: 'constant mode',
  infer(ctx) {
    const x = ctx.shape(0);
    const pads = padAmounts(ctx);
    if (ctx.opset >= 18 && ctx.has(3)) ctx.fail('the axes input of Pad is not supported');
    const shape = x.map((d, i) => (pads[i] === 0 && pads[i + x.length] === 0 ? d : typeof d === 'number' ? d + pads[i] + pads[i + x.length] : ctx.fail('padding the batch axis is not supported')));
    return [{ shape, dataType: ctx.dataType(0) }];
  },
  forward(ctx) {
    if (ctx.opset >= 11) return ctx.emitAsIs();
    const mode = typeof ctx.attributes.mode === 'string' ? ctx.attributes.mode : 'constant';
    const inputs = [ctx.input(0), ctx.g.constant(padAmounts(ctx)), ctx.g.constant([scalar(ctx.attributes.value, 0)], [], 'float32')];
    ctx.g.nodeOutputs('Pad', inputs, { mode }, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const mode = typeof ctx.attributes.mode === 'string' ? ctx.attributes.mode : 'constant';
    if (mode !== 'constant') ctx.fail(`the gradient of Pad in ${mode} mode is not supported`);
    const x = ctx.shape(0);
    const rank = x.length;
    const pads = padAmounts(ctx);
    // Negative pads crop: their gradient is zero-padding back. Positive pads: slice them away.
    const crops = pads.map((p) => Math.max(0, -p));
    const restored = crops.some((p) => p > 0) ? ctx.g.node('Pad', [g, ctx.int64s(crops)]) : g;
    const axes = x.flatMap((_, i) => (pads[i] > 0 || pads[i + rank] > 0 ? [i] : []));
    if (axes.length === 0) return ctx.addGrad(0, restored);
    const starts = axes.map((i) => Math.max(0, pads[i]));
    const ends = axes.map((i, k) => starts[k] + (x[i] as number));
    ctx.addGrad(0, ctx.g.node('Slice', [restored, ctx.int64s(starts), ctx.int64s(ends), ctx.int64s(axes)]));
  },
};
