/** One pass over the cached training set: shuffle, augment, normalise, BCE + L2, optimizer step. */
import { createRandom } from '@saliency-bench/core';
import type * as Tf from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import type { ImageCache } from './image-cache.js';
import type { TrainOptimizer } from './optimizer.js';
import { augmentBatch } from './augment.js';
import { bceWithLogits } from './bce-loss.js';
import { normalise } from './evaluate-cache.js';

export interface EpochSettings {
  epoch: number;
  batchSize: number;
  seed: number;
  flip: boolean;
  translate: number;
  weightDecay: number;
  mean: readonly number[];
  std: readonly number[];
  /** Learning rate for a global step. */
  learningRate(step: number): number;
  onBatch(batch: number, batches: number, loss: number): void;
  signal?: AbortSignal;
}

/** Fisher-Yates with the seeded PRNG: the order depends only on (seed, epoch). */
export function shuffledOrder(count: number, seed: number, epoch: number): Uint32Array {
  const random = createRandom('train-shuffle', seed, epoch);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Returns the mean loss and the next global step, or `interrupted` when the signal fired. */
export async function trainEpoch(
  runtime: TfjsRuntime,
  model: TfLayers.LayersModel,
  optimizer: TrainOptimizer,
  cache: ImageCache,
  settings: EpochSettings,
  firstStep: number,
): Promise<{ loss: number; step: number; interrupted: boolean }> {
  const { tf } = runtime;
  const { batchSize, epoch } = settings;
  const plane = cache.size * cache.size * 3;
  const K = cache.classes;
  const order = shuffledOrder(cache.count, settings.seed, epoch);
  const batches = Math.ceil(cache.count / batchSize);
  const variables = model.trainableWeights.map((w) => w.read() as Tf.Variable);
  const kernels = model.trainableWeights.filter((w) => w.name.includes('kernel')).map((w) => w.read());
  let step = firstStep;
  let total = 0;
  for (let b = 0; b < batches; b++) {
    if (settings.signal?.aborted) return { loss: Number.NaN, step, interrupted: true };
    const indices = order.subarray(b * batchSize, Math.min(cache.count, (b + 1) * batchSize));
    const m = indices.length;
    const images = new Float32Array(m * plane);
    const labels = new Float32Array(m * K);
    indices.forEach((index, i) => {
      images.set(cache.images.subarray(index * plane, (index + 1) * plane), i * plane);
      for (let k = 0; k < K; k++) labels[i * K + k] = cache.labels[index * K + k];
    });
    optimizer.setLearningRate(settings.learningRate(step));
    const random = createRandom('train-augment', settings.seed, epoch, b);
    const loss = tf.tidy(() => {
      const x = tf.tensor4d(images, [m, cache.size, cache.size, 3]);
      const input = normalise(tf, augmentBatch(tf, x, settings, random), settings.mean, settings.std);
      const y = tf.tensor2d(labels, [m, K]);
      return optimizer.optimizer.minimize(() => {
        const data = bceWithLogits(tf, model.apply(input, { training: true }) as Tf.Tensor, y);
        if (settings.weightDecay === 0) return data;
        const l2 = tf.addN(kernels.map((w) => tf.sum(tf.square(w))));
        return tf.add(data, tf.mul(l2, settings.weightDecay / 2)) as Tf.Scalar;
      }, true, variables) as Tf.Scalar;
    });
    const value = (await loss.data())[0];
    loss.dispose();
    if (!Number.isFinite(value)) throw new Error(`training: the loss became ${value} at epoch ${epoch}, batch ${b + 1}; lower --lr`);
    total += value * m;
    step++;
    settings.onBatch(b + 1, batches, total / ((b * batchSize) + m));
  }
  return { loss: total / cache.count, step, interrupted: false };
}
