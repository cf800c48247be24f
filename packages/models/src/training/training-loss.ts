/**
 * The training objective, shared by the main thread and the gradient workers: binary
 * cross-entropy on the logits plus weightDecay / 2 * ||W||^2 over the conv and dense kernels.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { bceWithLogits } from './bce-loss.js';

export function trainingLoss(tf: typeof Tf, model: TfLayers.LayersModel, input: Tf.Tensor4D, targets: Tf.Tensor2D, weightDecay: number): Tf.Scalar {
  const data = bceWithLogits(tf, model.apply(input, { training: true }) as Tf.Tensor, targets);
  if (weightDecay === 0) return data;
  const kernels = model.trainableWeights.filter((w) => w.name.includes('kernel')).map((w) => w.read());
  const l2 = tf.addN(kernels.map((w) => tf.sum(tf.square(w))));
  return tf.add(data, tf.mul(l2, weightDecay / 2)) as Tf.Scalar;
}

/** Loss and gradients of the trainable variables for one slice of a batch. */
export function sliceGradients(tf: typeof Tf, model: TfLayers.LayersModel, input: Tf.Tensor4D, targets: Tf.Tensor2D, weightDecay: number) {
  const variables = model.trainableWeights.map((w) => w.read() as Tf.Variable);
  return tf.variableGrads(() => trainingLoss(tf, model, input, targets, weightDecay), variables);
}
