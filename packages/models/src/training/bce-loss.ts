/**
 * Binary cross-entropy on logits, averaged over samples and classes, in the stable form
 * max(x, 0) - x z + log(1 + exp(-|x|)) (never exponentiates a large positive number).
 */
import type * as Tf from '@tensorflow/tfjs-core';

export function bceWithLogits(tf: typeof Tf, logits: Tf.Tensor, targets: Tf.Tensor): Tf.Scalar {
  return tf.tidy(() => {
    const positive = tf.relu(logits);
    const cross = tf.mul(logits, targets);
    const soft = tf.log1p(tf.exp(tf.neg(tf.abs(logits))));
    return tf.mean(tf.add(tf.sub(positive, cross), soft)) as Tf.Scalar;
  });
}
