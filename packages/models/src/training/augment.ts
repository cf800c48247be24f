/**
 * Training augmentation: the batch is reflect-padded once, then each image is a window shifted
 * by up to `translate` pixels (a slice: pixels are copied, never interpolated), mirrored
 * left-right with probability 1/2.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { Random } from '@saliency-bench/core';

export interface AugmentOptions {
  flip: boolean;
  /** Largest shift in pixels, in each direction. */
  translate: number;
}

export function augmentBatch(tf: typeof Tf, x: Tf.Tensor4D, options: AugmentOptions, random: Random): Tf.Tensor4D {
  const [n, h, w] = x.shape;
  const t = Math.max(0, Math.min(Math.floor(options.translate), Math.floor(Math.min(h, w) / 2) - 1));
  if (!options.flip && t === 0) return tf.clone(x);
  return tf.tidy(() => {
    const padded = t > 0 ? tf.mirrorPad(x, [[0, 0], [t, t], [t, t], [0, 0]], 'reflect') : x;
    const crops: Tf.Tensor4D[] = [];
    for (let i = 0; i < n; i++) {
      const dy = Math.floor(random.uniform() * (2 * t + 1));
      const dx = Math.floor(random.uniform() * (2 * t + 1));
      const crop = tf.slice(padded, [i, dy, dx, 0], [1, h, w, x.shape[3]]);
      crops.push(options.flip && random.uniform() < 0.5 ? tf.reverse(crop, 2) : crop);
    }
    return tf.concat(crops, 0);
  });
}
