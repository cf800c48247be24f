/**
 * The loss head of core's model/loss-head.ts written with TensorFlow.js ops, so that
 * tf.valueAndGrad differentiates model and loss together: one call per optimisation step.
 * The row's max class b_r comes from ArgMax, whose gradient tfjs defines as zero (a choice, not
 * a function of the input, as in the ONNX graph and the JavaScript evaluation).
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { LossHead } from '@saliency-bench/core';

/** Each row's five loss parts [m, 5] from logits [m, K] (the head holds m rows). */
export function tfLossHeadParts(
  tf: typeof Tf,
  logits: Tf.Tensor2D,
  head: LossHead,
  activation: 'sigmoid' | 'softmax',
): Tf.Tensor2D {
  const [m, K] = logits.shape;
  const perClass = (values: ArrayLike<number> | undefined) => tf.tensor2d(values ? Float32Array.from(values) : new Float32Array(m * K), [m, K]);
  const perRow = (values: ArrayLike<number> | undefined) => tf.tensor2d(values ? Float32Array.from(values) : new Float32Array(m), [m, 1]);
  const p = activation === 'sigmoid' ? tf.sigmoid(logits) : tf.softmax(logits);
  const rowSum = (t: Tf.Tensor) => tf.sum(t, 1, true);
  const divergence = tf.div(tf.log(tf.add(tf.abs(tf.sub(p, perClass(head.reference))), 1)), Math.LN2);
  const candidates = perClass(head.candidates);
  const masked = tf.where(tf.greater(candidates, 0.5), logits, tf.fill([m, K], -3.4e38));
  const anyCandidate = tf.cast(tf.greater(rowSum(candidates), 0.5), 'float32');
  const oneHot = tf.mul(tf.oneHot(tf.argMax(masked, 1), K), anyCandidate);
  return tf.concat([
    rowSum(tf.mul(perClass(head.logit), logits)),
    rowSum(tf.mul(perClass(head.probability), p)),
    rowSum(tf.mul(perClass(head.divergence), divergence)),
    tf.mul(perRow(head.maxLogit), rowSum(tf.mul(oneHot, logits))),
    tf.mul(perRow(head.maxProbability), rowSum(tf.mul(oneHot, p))),
  ], 1) as Tf.Tensor2D;
}
