/**
 * Ops that only move values around: Flatten, Reshape, Squeeze, Unsqueeze (their gradient is the
 * output gradient reshaped to the input's shape) and Transpose (the inverse permutation).
 * Squeeze/Unsqueeze take axes as an attribute before opset 13 and as an input after; both are
 * read here and re-emitted in the input form.
 */
import { numbers, scalar } from '../../proto/attributes.js';
import type { ConstTensor, Dim, EmitContext, InferContext, OpRule, Shape } from './op-rule.js';
import { axis } from './shape-math.js';
import { divideSize, formatDim, sizeOf } from './symbolic.js';
import { reshapeTarget as staticReshapeTarget } from './static-shape.js';

/** Gradient of any op whose output holds the input's values in another shape. */
const reshapeBack: OpRule['grad'] = (ctx) => {
  const g = ctx.gradOutput(0);
  if (g && ctx.needsGrad(0)) ctx.addGrad(0, ctx.g.node('Reshape', [g, staticReshapeTarget(ctx.g, ctx.shape(0), ctx.outputShape(0), ctx.input(0))]));
};

/** Re-labels a constant's values with a new shape (folding of pure shape ops). */
function refold(ctx: InferContext, shape: Shape): ConstTensor[] | undefined {
  const constant = ctx.constant(0);
  const values = constant && ctx.decode(constant);
  if (!constant || !values || !shape.every((d) => typeof d === 'number')) return undefined;
  return [{ dataType: constant.dataType, dims: shape as number[], values }];
}

function flattenShape(ctx: InferContext): Shape {
  const x = ctx.shape(0);
  const at = axis(scalar(ctx.attributes.axis, 1), x.length);
  const outer = sizeOf(x.slice(0, at));
  const inner = sizeOf(x.slice(at));
  if (!outer || !inner) ctx.fail(`cannot flatten [${x}]`);
  return [formatDim(outer), formatDim(inner)];
}

export const flatten: OpRule = {
  op: 'Flatten',
  infer: (ctx) => [{ shape: flattenShape(ctx), dataType: ctx.dataType(0) }],
  fold: (ctx) => refold(ctx, flattenShape(ctx)),
  grad: reshapeBack,
};

/** The Reshape target with 0 and -1 resolved (the batch stays symbolic). */
function reshapeTarget(ctx: InferContext): { target: Dim[]; shape: Shape } {
  const x = ctx.shape(0);
  const constant = ctx.constant(1);
  const target = constant && ctx.decode(constant);
  if (!target) ctx.fail('the target shape must be a constant (or fold to one)');
  const allowZero = scalar(ctx.attributes.allowzero, 0) === 1;
  const shape: Dim[] = target.map((d, i) => (d === 0 && !allowZero ? x[i] : d));
  const unknown = shape.indexOf(-1);
  if (unknown >= 0) {
    const total = sizeOf(x);
    const known = sizeOf(shape.filter((_, i) => i !== unknown));
    const rest = total && known && divideSize(total, known);
    if (!rest) ctx.fail(`cannot reshape [${x}] to [${target}]`);
    shape[unknown] = formatDim(rest);
  }
  return { target, shape };
}

export const reshape: OpRule = {
  op: 'Reshape',
  infer: (ctx) => [{ shape: reshapeTarget(ctx).shape, dataType: ctx.dataType(0) }],
  fold: (ctx) => refold(ctx, reshapeTarget(ctx).shape),
  forward(ctx) {
    const { target, shape } = reshapeTarget(ctx);
    if (target.every((d) => typeof d === 'number')) return ctx.emitAsIs();
    // A target built from Shape(x) holds the batch symbol: copy that dim (0) or infer it (-1).
    const x = ctx.shape(0);
    const concrete = target.map((d, i) => (typeof d === 'number' ? d : x[i] === d ? 0 : -1));
    if (concrete.filter((d) => d === -1).length > 1) ctx.fail(`cannot express the target shape [${shape}] without the batch size`);
    ctx.g.nodeOutputs('Reshape', [ctx.input(0), ctx.g.constant(concrete)], {}, { outputs: [ctx.output(0)], name: ctx.node.name });
  },
  grad: reshapeBack,
};

function squeezeAxes(ctx: InferContext): number[] | undefined {
  if (ctx.opset < 13) return numbers(ctx.attributes.axes);
  return ctx.has(1) ? ctx.ints(1, 'axes') : undefined;
}

function squeezeShape(ctx: InferContext): Shape {
  const x = ctx.shape(0);
  const axes = squeezeAxes(ctx)?.map((a) => axis(a, x.length)) ?? x.flatMap((d, i) => (d === 1 ? [i] : []));
  return x.filter((_, i) => !axes.includes(i));
}

function unsqueezeShape(ctx: InferContext): Shape {
  const x = ctx.shape(0);
  const raw = squeezeAxes(ctx) ?? ctx.fail('axes are required');
  const rank = x.length + raw.length;
  const axes = raw.map((a) => axis(a, rank));
  const rest = [...x];
  return Array.from({ length: rank }, (_, i) => (axes.includes(i) ? 1 : rest.shift()!));
}

/** Emits Squeeze/Unsqueeze in the opset-13 form (axes as an input). */
function axesAsInput(ctx: EmitContext, opType: string, axes: number[] | undefined): void {
  const inputs = [ctx.input(0), ...(axes ? [ctx.g.constant(axes)] : [])];
  ctx.g.nodeOutputs(opType, inputs, {}, { outputs: [ctx.output(0)], name: ctx.node.name });
}

export const squeeze: OpRule = {
  op: 'Squeeze',
  notes: 'attribute form before opset 13, input form after',
  infer: (ctx) => [{ shape: squeezeShape(ctx), dataType: ctx.dataType(0) }],
  fold: (ctx) => refold(ctx, squeezeShape(ctx)),
  forward: (ctx) => axesAsInput(ctx, 'Squeeze', squeezeAxes(ctx)),
  grad: reshapeBack,
};

export const unsqueeze: OpRule = {
  op: 'Unsqueeze',
  notes: 'attribute form before opset 13, input form after',
  infer: (ctx) => [{ shape: unsqueezeShape(ctx), dataType: ctx.dataType(0) }],
  fold: (ctx) => refold(ctx, unsqueezeShape(ctx)),
  forward: (ctx) => axesAsInput(ctx, 'Unsqueeze', squeezeAxes(ctx)),
  grad: reshapeBack,
};

function permutation(ctx: InferContext): number[] {
  const rank = ctx.shape(0).length;
  return numbers(ctx.attributes.perm) ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
}

export const transpose: OpRule = {
  op: 'Transpose',
  infer(ctx) {
    const x = ctx.shape(0);
    return [{ shape: permutation(ctx).map((p) => x[p]), dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g || !ctx.needsGrad(0)) return;
    const perm = permutation(ctx);
    const inverse = perm.map((_, i) => perm.indexOf(i));
    ctx.addGrad(0, ctx.g.node('Transpose', [g], { perm: inverse }));
  },
};
