/**
 * The loss head of core's model/loss-head.ts written as ONNX operators after the logits: its
 * five parts per row and its gradient with respect to the logits, which the backward pass then
 * carries to the input. The plain vjp's gLogits is the head's `logit` weight, so one graph serves
 * both: with the other head inputs at zero the gradient reaching the logits is gLogits exactly.
 *
 * Precision: on the CPU the head computes in float64, in the operation order of the JavaScript
 * evaluation (evaluateLossHead), and rounds dL/dlogits to float32 once at the end, as the
 * two-call path does. The one-call and two-call paths then feed the backward pass the same
 * float32 gradient (barring a last-bit difference of exp), which matters: Adam's first steps
 * move every mask pixel by about the learning rate whatever its gradient's size, so a last-bit
 * change of a near-zero gradient would move RP's maps visibly. The WebGPU provider has no float64
 * kernels, so there the head runs in float32.
 */
import type { OnnxGraphBuilder, DimSpec } from './graph-builder.js';
import { DataType } from '../proto/onnx-proto.js';

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
  /** Element type of the head inputs. */
  precision: 'float32' | 'float64';
  /** [N, 5] loss parts (float32). */
  parts: string;
  /** dL/dlogits (float32), the `logit` weight included. */
  gradient: string;
}

export function emitLossHead(
  g: OnnxGraphBuilder,
  logits: string,
  logitWeight: string,
  shape: readonly DimSpec[],
  activation: 'sigmoid' | 'softmax',
  precision: 'float32' | 'float64',
): EmittedHead {
  const wide = precision === 'float64';
  const perRow: DimSpec[] = [shape[0], 1];
  const input = (name: string, dims: readonly DimSpec[]) => g.input(g.fresh(`head_${name}`), dims, precision);
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
  const rowMaxOf = (value: string) => (g.opset >= 18 ? g.node('ReduceMax', [value, axis], { keepdims: 1 }) : g.node('ReduceMax', [value], { axes: [1], keepdims: 1 }));
  const scalar = (value: number) => g.constant([value], [], precision);
  const toFloat = (value: string) => g.node('Cast', [value], { to: DataType.FLOAT });
  const asNumber = (value: string) => g.node('Cast', [value], { to: wide ? DataType.DOUBLE : DataType.FLOAT });
  const z = wide ? asNumber(logits) : logits;
  const wz = wide ? asNumber(logitWeight) : logitWeight;

  // p as the JavaScript evaluation computes it: 1 / (1 + exp(-z)); exp(z - max) / sum.
  let p: string;
  if (activation === 'sigmoid') {
    p = g.node('Div', [scalar(1), g.node('Add', [scalar(1), g.node('Exp', [g.node('Neg', [z])])])]);
  } else {
    const e = g.node('Exp', [g.node('Sub', [z, rowMaxOf(z)])]);
    p = g.node('Div', [e, rowSum(e)]);
  }
  const diff = g.node('Sub', [p, inputs.reference]);
  const absPlusOne = g.node('Add', [g.node('Abs', [diff]), scalar(1)]);
  const log2 = g.node('Div', [g.node('Log', [absPlusOne]), scalar(Math.LN2)]);

  // b_r: the first candidate of largest logit (an exclusive CumSum of the row's maxima counts the
  // earlier ones); rows without candidates get no max term. No int64 ArgMax: WebGPU runs these.
  const masked = g.node('Where', [g.node('Greater', [inputs.candidates, scalar(0.5)]), z, scalar(wide ? -Number.MAX_VALUE : -3.4e38)]);
  const isMax = asNumber(g.node('Equal', [masked, rowMaxOf(masked)]));
  const earlier = g.node('CumSum', [isMax, g.constant([1], [])], { exclusive: 1 });
  const first = g.node('Mul', [isMax, asNumber(g.node('Less', [earlier, scalar(0.5)]))]);
  const anyCandidate = asNumber(g.node('Greater', [rowSum(inputs.candidates), scalar(0.5)]));
  const oneHot = g.node('Mul', [first, anyCandidate]);

  const parts = toFloat(g.node('Concat', [
    rowSum(g.node('Mul', [wz, z])),
    rowSum(g.node('Mul', [inputs.probability, p])),
    rowSum(g.node('Mul', [inputs.divergence, log2])),
    g.node('Mul', [inputs.maxLogit, rowSum(g.node('Mul', [oneHot, z]))]),
    g.node('Mul', [inputs.maxProbability, rowSum(g.node('Mul', [oneHot, p]))]),
  ], { axis: 1 }));

  // dL/dp = (probability + divergence sign(p - c) / ((|p - c| + 1) ln 2)) + maxProbability onehot
  const sign = g.node('Sub', [asNumber(g.node('Greater', [diff, scalar(0)])), asNumber(g.node('Less', [diff, scalar(0)]))]);
  const gDivergence = g.node('Div', [g.node('Mul', [inputs.divergence, sign]), g.node('Mul', [absPlusOne, scalar(Math.LN2)])]);
  const gp = g.node('Add', [g.node('Add', [inputs.probability, gDivergence]), g.node('Mul', [oneHot, inputs.maxProbability])]);
  // dL/dz = (logit + maxLogit onehot) + chain rule: sigmoid (gp p)(1 - p); softmax p (gp - <gp, p>).
  const gFromP =
    activation === 'sigmoid'
      ? g.node('Mul', [g.node('Mul', [gp, p]), g.node('Sub', [scalar(1), p])])
      : g.node('Mul', [p, g.node('Sub', [gp, rowSum(g.node('Mul', [gp, p]))])]);
  const gradient = g.node('Add', [g.node('Add', [wz, g.node('Mul', [oneHot, inputs.maxLogit])]), gFromP]);
  return { inputs, precision, parts, gradient: wide ? toFloat(gradient) : gradient };
}
