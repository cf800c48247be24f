/**
 * tfjs-core's FusedBatchNorm gradient broadcasts 1/sqrt(var + eps) over the input with `tile`,
 * which on the wasm backend costs more than all the convolutions of a training step. This
 * registers the same gradient (term for term) with broadcasting multiplies instead. Gradients are
 * registered per kernel, not per backend, so every backend gets it; the values are unchanged.
 */
import type * as Tf from '@tensorflow/tfjs-core';

let registered = false;

export function registerBatchNormGradient(tf: typeof Tf): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: 'FusedBatchNorm',
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
      const [x, mean, variance, scale] = saved;
      const dyTensor = dy as Tf.Tensor;
      const scaleValue = scale ?? tf.scalar(1);
      const reductionAxes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
      const perChannel = mean.rank === 1;
      const reduce = (t: Tf.Tensor) => tf.reshape(perChannel ? tf.sum(t, reductionAxes) : t, mean.shape);
      const xMinusMean = tf.sub(x, mean);
      const dyTimesScale = tf.mul(dyTensor, scaleValue);
      const rsqrtVariance = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
      const minusHalfRCube = tf.mul(tf.mul(tf.mul(rsqrtVariance, rsqrtVariance), rsqrtVariance), tf.scalar(-0.5));
      return {
        // Broadcasting [C] against [..., C] replaces the tile.
        x: () => tf.reshape(tf.mul(tf.mul(dyTensor, rsqrtVariance), scaleValue), x.shape),
        mean: () => reduce(tf.mul(tf.mul(rsqrtVariance, tf.scalar(-1)), dyTimesScale)),
        variance: () => reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean), dyTimesScale)),
        scale: () => reduce(tf.mul(dyTensor, tf.mul(xMinusMean, rsqrtVariance))),
        offset: () => reduce(dyTensor),
      };
    },
  });
}
