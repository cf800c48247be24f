/**
 * One pass over the cached training set: shuffle, augment, normalise, BCE + L2, optimizer step.
 * With gradient workers each batch is split into slices computed in parallel (gradient-workers.ts).
 */
import { createRandom } from '@saliency-bench/core';
import type * as Tf from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import type { ImageCache } from './image-cache.js';
import type { TrainOptimizer } from './optimizer.js';
import { augmentBatch } from './augment.js';
import { normalise } from './evaluate-cache.js';
import { sliceGradients } from './training-loss.js';
import { sliceRows, type GradientWorkers } from './gradient-workers.js';

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
  workers?: GradientWorkers;
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
    const augmented = augmentBatch(images, m, cache.size, cache.size, settings, random);
    const [input, targets] = tf.tidy(() => [
      normalise(tf, tf.tensor4d(augmented, [m, cache.size, cache.size, 3]), settings.mean, settings.std), tf.tensor2d(labels, [m, K]),
    ]);
    const value = await parallelStep(tf, model, variables, optimizer, input, targets, settings);
    tf.dispose([input, targets]);
    if (!Number.isFinite(value)) throw new Error(`training: the loss became ${value} at epoch ${epoch}, batch ${b + 1}; lower --lr`);
    total += value * m;
    step++;
    settings.onBatch(b + 1, batches, total / ((b * batchSize) + m));
  }
  return { loss: total / cache.count, step, interrupted: false };
}

/**
 * Loss and gradients of the batch, the first row slice here and the others on the workers at the
 * same time; gradients averaged weighted by rows, then one optimizer step. Returns the batch loss.
 */
async function parallelStep(
  tf: typeof Tf,
  model: TfLayers.LayersModel,
  variables: Tf.Variable[],
  optimizer: TrainOptimizer,
  input: Tf.Tensor4D,
  targets: Tf.Tensor2D,
  settings: EpochSettings,
): Promise<number> {
  const m = input.shape[0];
  const [own, ...others] = sliceRows(m, 1 + (settings.workers?.count ?? 0));
  const rowsOf = ([a, b]: [number, number]) => b - a;
  const slice = <T extends Tf.Tensor>(t: T, [a, b]: [number, number]) => tf.slice(t, a, b - a) as T;
  let remote: Promise<{ loss: number; gradients: Float32Array[] }[]> = Promise.resolve([]);
  if (settings.workers && others.length > 0) {
    const weights = variables.map((v) => v.dataSync() as Float32Array);
    const slices = others.map((range) => tf.tidy(() => ({
      images: slice(input, range).dataSync() as Float32Array, labels: slice(targets, range).dataSync() as Float32Array, rows: rowsOf(range),
    })));
    // Posted before the local slice starts, so the workers compute while this thread does.
    remote = settings.workers.gradients(weights, slices);
  }
  const local = tf.tidy(() => sliceGradients(tf, model, slice(input, own), slice(targets, own), settings.weightDecay));
  const replies = await remote;
  const loss = (rowsOf(own) * local.value.dataSync()[0] + replies.reduce((sum, r, i) => sum + rowsOf(others[i]) * r.loss, 0)) / m;
  tf.tidy(() => {
    if (replies.length === 0) {
      optimizer.optimizer.applyGradients(local.grads);
      return;
    }
    const averaged: Record<string, Tf.Tensor> = {};
    variables.forEach((v, i) => {
      let total = tf.mul(local.grads[v.name], rowsOf(own));
      replies.forEach((r, j) => { total = tf.add(total, tf.mul(tf.tensor(r.gradients[i], v.shape), rowsOf(others[j]))); });
      averaged[v.name] = tf.div(total, m);
    });
    optimizer.optimizer.applyGradients(averaged);
  });
  tf.dispose([local.value, ...Object.values(local.grads)]);
  return loss;
}
