/** Gemm and MatMul: input gradients are products with the (transposed) other operand. */
import { scalar } from '../../proto/attributes.js';
import type { OpRule, Shape } from './op-rule.js';
import { broadcast } from './shape-math.js';

export const gemm: OpRule = {
  op: 'Gemm',
  notes: 'transA, transB, alpha, beta',
  infer(ctx) {
    const [a, b] = [ctx.shape(0), ctx.shape(1)];
    if (a.length !== 2 || b.length !== 2) ctx.fail(`Gemm needs 2-D operands, got [${a}] and [${b}]`);
    const m = scalar(ctx.attributes.transA, 0) ? a[1] : a[0];
    const n = scalar(ctx.attributes.transB, 0) ? b[0] : b[1];
    return [{ shape: [m, n], dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g) return;
    const transA = scalar(ctx.attributes.transA, 0);
    const transB = scalar(ctx.attributes.transB, 0);
    const alpha = { float: scalar(ctx.attributes.alpha, 1) };
    const [a, b] = [ctx.input(0), ctx.input(1)];
    // Y = alpha * A' B' + beta * C, with A' = transA ? A^T : A and B' likewise.
    if (ctx.needsGrad(0)) {
      const grad = transA
        ? ctx.g.node('Gemm', [b, g], { alpha, transA: transB, transB: 1 }) // (g B'^T)^T = B' g^T
        : ctx.g.node('Gemm', [g, b], { alpha, transB: transB ? 0 : 1 }); // g B'^T
      ctx.addGrad(0, grad);
    }
    if (ctx.needsGrad(1)) {
      const grad = transB
        ? ctx.g.node('Gemm', [g, a], { alpha, transA: 1, transB: transA }) // (A'^T g)^T = g^T A'
        : ctx.g.node('Gemm', [a, g], { alpha, transA: transA ? 0 : 1 }); // A'^T g
      ctx.addGrad(1, grad);
    }
    if (ctx.has(2) && ctx.needsGrad(2)) {
      const scaled = ctx.g.node('Mul', [g, ctx.floats([scalar(ctx.attributes.beta, 1)], [])]);
      ctx.addGrad(2, ctx.unbroadcast(scaled, ctx.outputShape(0), 2));
    }
  },
};

function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

export const matMul: OpRule = {
  op: 'MatMul',
  infer(ctx) {
    const [a, b] = [ctx.shape(0), ctx.shape(1)];
    if (a.length < 2 || b.length < 2) ctx.fail(`MatMul with a 1-D operand is not supported ([${a}] x [${b}])`);
    if (a[a.length - 1] !== b[b.length - 2]) ctx.fail(`inner dimensions differ: [${a}] x [${b}]`);
    const batch: Shape = broadcast(a.slice(0, -2), b.slice(0, -2), ctx.fail);
    return [{ shape: [...batch, a[a.length - 2], b[b.length - 1]], dataType: ctx.dataType(0) }];
  },
  grad(ctx) {
    const g = ctx.gradOutput(0);
    if (!g) return;
    const out = ctx.outputShape(0);
    // dA = g B^T and dB = A^T g, summed over broadcast batch axes.
    if (ctx.needsGrad(0)) {
      const bT = ctx.g.node('Transpose', [ctx.input(1)], { perm: swapLast(ctx.shape(1).length) });
      const gradShape = [...out.slice(0, -1), ctx.shape(0)[ctx.shape(0).length - 1]];
      ctx.addGrad(0, ctx.unbroadcast(ctx.g.node('MatMul', [g, bT]), gradShape, 0));
    }
    if (ctx.needsGrad(1)) {
      const aT = ctx.g.node('Transpose', [ctx.input(0)], { perm: swapLast(ctx.shape(0).length) });
      const gradShape = [...out.slice(0, -2), ctx.shape(1)[ctx.shape(1).length - 2], out[out.length - 1]];
      ctx.addGrad(1, ctx.unbroadcast(ctx.g.node('MatMul', [aT, g]), gradShape, 1));
    }
  },
};
