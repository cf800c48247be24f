/**
 * Add, Sub, Mul, Div with numpy broadcasting. Each input's gradient is summed over the axes it
 * was broadcast along (ReduceSum) and reshaped back to its own shape. Constant integer operands
 * (shape arithmetic) are folded at compile time.
 */
import type { ConstTensor, Dim, GradContext, InferContext, OpRule } from './op-rule.js';
import { broadcast } from './shape-math.js';

type Binary = (a: number, b: number) => number;

/** Folds small constant operands of the same shape or a scalar one (shape arithmetic). */
function foldBinary(op: Binary): (ctx: InferContext) => ConstTensor[] | undefined {
  return (ctx) => {
    const [a, b] = [ctx.constant(0), ctx.constant(1)];
    const [x, y] = [a && ctx.decode(a), b && ctx.decode(b)];
    if (!a || !b || !x || !y) return undefined;
    if (x.some((v) => typeof v !== 'number') || y.some((v) => typeof v !== 'number')) return undefined;
    if (x.length !== y.length && x.length !== 1 && y.length !== 1) return undefined;
    const length = Math.max(x.length, y.length);
    const values: Dim[] = Array.from({ length }, (_, i) => op(x[x.length === 1 ? 0 : i] as number, y[y.length === 1 ? 0 : i] as number));
    const dims = x.length >= y.length ? a.dims : b.dims;
    return [{ dataType: a.dataType, dims, values }];
  };
}

function binary(name: string, op: Binary, grad: (ctx: GradContext, g: string) => [string | undefined, string | undefined]): OpRule {
  return {
    op: name,
    notes: 'broadcasting',
    infer: (ctx) => [{ shape: broadcast(ctx.shape(0), ctx.shape(1), ctx.fail), dataType: ctx.dataType(0) }],
    fold: foldBinary(op),
    grad(ctx) {
      const g = ctx.gradOutput(0);
      if (!g) return;
      const [ga, gb] = grad(ctx, g);
      const out = ctx.outputShape(0);
      if (ga && ctx.needsGrad(0)) ctx.addGrad(0, ctx.unbroadcast(ga, out, 0));
      if (gb && ctx.needsGrad(1)) ctx.addGrad(1, ctx.unbroadcast(gb, out, 1));
    },
  };
}

const integerDivide = (a: number, b: number) => (Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b);

export const add = binary('Add', (a, b) => a + b, (_ctx, g) => [g, g]);

export const sub = binary('Sub', (a, b) => a - b, (ctx, g) => [g, ctx.needsGrad(1) ? ctx.g.node('Neg', [g]) : undefined]);

export const mul = binary('Mul', (a, b) => a * b, (ctx, g) => [
  ctx.needsGrad(0) ? ctx.g.node('Mul', [g, ctx.input(1)]) : undefined,
  ctx.needsGrad(1) ? ctx.g.node('Mul', [g, ctx.input(0)]) : undefined,
]);

export const div = binary('Div', integerDivide, (ctx, g) => [
  ctx.needsGrad(0) ? ctx.g.node('Div', [g, ctx.input(1)]) : undefined,
  // d(a/b)/db = -a/b^2 = -y/b
  ctx.needsGrad(1) ? ctx.g.node('Neg', [ctx.g.node('Div', [ctx.g.node('Mul', [g, ctx.output(0)]), ctx.input(1)])]) : undefined,
]);
