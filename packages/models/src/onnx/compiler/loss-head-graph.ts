/**
 * The loss head of core's model/loss-head.ts written as ONNX operators after the logits: its
 * five parts per row and its gradient with respect to the logits, which the backward pass then
 * carries to the input. The plain vjp's gLogits is the head's `logit` weight, so one graph serves
 * both: with the other head inputs at zero the gradient reaching the logits is gLogits exactly.
 */
import type { OnnxGraphBuilder, DimSpec } from './graph-builder.js';

/** Graph input names of the head's arrays (the `logit` weight is the vjp's gradient input). */
export interface HeadInputs {
  probability: string;
  divergence: string;
  reference: string;
  maxLogit: string;
  maxProbability: string;
  candidates: string;
}

export interface EmittedHead {
  inputs: HeadInputs;
  /** [N, 5] loss parts. */
  parts: string;
  /** dL/dlogits minus the `logit` weight (which the caller adds as the plain vjp does). */
  gradient: string;
}

export function emitLossHead(
  g: OnnxGraphBuilder,
  logits: string,
  logitWeight: string,
  shape: readonly DimSpec[],
  activation: 'sigmoid' | 'softmax',
): EmittedHead {
  const perRow: DimSpec[] = [shape[0], 1];
  const input = (name: string, dims: readonly DimSpec[]) => g.input(g.fresh(`head_${name}`), dims);
  const inputs: HeadInputs = {
    probability: input('probability', shape),
    divergence: input('divergence', shape),
    reference: input('reference', shape),
    maxLogit: input('max_logit', perRow),
    maxProbability: input('max_probability', perRow),
    candidates: input('candidates', shape),
  };
  const axis = g.constant([1]);
  const rowSum = (value: string) => g.node('ReduceSum', [value, axis], { keepdims: 1 });
  const scalar = (value: number) => g.constant([value], [], 'float32');
  const p = activation === 'sigmoid' ? g.node('Sigmoid', [logits]) : g.node('Softmax', [logits], { axis: 1 });

  const diff = g.node('Sub', [p, inputs.reference]);
  const absPlusOne = g.node('Add', [g.node('Abs', [diff]), scalar(1)]);
  const log2 = g.node('Div', [g.node('Log', [absPlusOne]), scalar(Math.LN2)]);

  // b_r: the first candidate of largest logit (an exclusive CumSum of the row's maxima counts the
  // earlier ones); rows without candidates get no max term. Float ops only: the WebGPU provider
  // runs every node (no int64 ArgMax).
  const masked = g.node('Where', [g.node('Greater', [inputs.candidates, scalar(0.5)]), logits, scalar(-3.4e38)]);
  const rowMax = g.opset >= 18 ? g.node('ReduceMax', [masked, axis], { keepdims: 1 }) : g.node('ReduceMax', [masked], { axes: [1], keepdims: 1 });
  const isMax = g.node('Cast', [g.node('Equal', [masked, rowMax])], { to: 1 });
  const earlier = g.node('CumSum', [isMax, g.constant([1], [])], { exclusive: 1 });
  const first = g.node('Mul', [isMax, g.node('Cast', [g.node('Less', [earlier, scalar(0.5)])], { to: 1 })]);
  const anyCandidate = g.node('Cast', [g.node('Greater', [rowSum(inputs.candidates), scalar(0.5)])], { to: 1 });
  const oneHot = g.node('Mul', [first, anyCandidate]);

  const parts = g.node('Concat', [
    rowSum(g.node('Mul', [logitWeight, logits])),
    rowSum(g.node('Mul', [inputs.probability, p])),
    rowSum(g.node('Mul', [inputs.divergence, log2])),
    g.node('Mul', [inputs.maxLogit, rowSum(g.node('Mul', [oneHot, logits]))]),
    g.node('Mul', [inputs.maxProbability, rowSum(g.node('Mul', [oneHot, p]))]),
  ], { axis: 1 });

  // dL/dp = probability + divergence sign(p - c) / ((|p - c| + 1) ln 2) + maxProbability onehot
  const sign = g.node('Sub', [g.node('Cast', [g.node('Greater', [diff, scalar(0)])], { to: 1 }), g.node('Cast', [g.node('Less', [diff, scalar(0)])], { to: 1 })]);
  const gDivergence = g.node('Div', [g.node('Mul', [inputs.divergence, sign]), g.node('Mul', [absPlusOne, scalar(Math.LN2)])]);
  const gp = g.node('Add', [g.node('Add', [inputs.probability, gDivergence]), g.node('Mul', [oneHot, inputs.maxProbability])]);
  const gFromP =
    activation === 'sigmoid'
      ? g.node('Mul', [gp, g.node('Mul', [p, g.node('Sub', [scalar(1), p])])])
      : g.node('Mul', [p, g.node('Sub', [gp, rowSum(g.node('Mul', [gp, p]))])]);
  const gradient = g.node('Add', [gFromP, g.node('Mul', [oneHot, inputs.maxLogit])]);
  return { inputs, parts, gradient };
}
