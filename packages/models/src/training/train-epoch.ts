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
    const value = await parallelStep(tf, model, variables, optimizer, { images: augmented, labels, rows: m, size: cache.size, classes: K }, settings);
    if (!Number.isFinite(value)) throw new Error(`training: the loss became ${value} at epoch ${epoch}, batch ${b + 1}; lower --lr`);
    total += value * m;
    step++;
    settings.onBatch(b + 1, batches, total / ((b * batchSize) + m));
  }
  return { loss: total / cache.count, step, interrupted: false };
}

/** A batch as the epoch assembles it: augmented NHWC images in [0, 1] and 0/1 labels. */
interface Batch {
  images: Float32Array;
  labels: Float32Array;
  rows: number;
  size: number;
  classes: number;
}

/**
 * Loss and gradients of the batch, the first row slice here and the others on the workers at the
 * same time; gradients averaged weighted by rows, then one optimizer step. Returns the batch loss.
 * Slices travel as plain arrays (tfjs slice + read-back cost 150 ms a step on wasm).
 */
async function parallelStep(
  tf: typeof Tf,
  model: TfLayers.LayersModel,
  variables: Tf.Variable[],
  optimizer: TrainOptimizer,
  batch: Batch,
  settings: EpochSettings,
): Promise<number> {
  const { rows: m, size, classes } = batch;
  const plane = size * size * 3;
  const [own, ...others] = sliceRows(m, 1 + (settings.workers?.count ?? 0));
  const rowsOf = ([a, b]: [number, number]) => b - a;
  const imagesOf = ([a, b]: [number, number]) => batch.images.slice(a * plane, b * plane);
  const labelsOf = ([a, b]: [number, number]) => batch.labels.slice(a * classes, b * classes);
  let remote: Promise<{ loss: number; gradients: Float32Array[] }[]> = Promise.resolve([]);
  if (settings.workers && others.length > 0) {
    const weights = variables.map((v) => v.dataSync() as Float32Array);
    const slices = others.map((range) => ({ images: imagesOf(range), labels: labelsOf(range), rows: rowsOf(range) }));
    // Posted before the local slice starts, so the workers compute while this thread does.
    remote = settings.workers.gradients(weights, slices);
  }
  const local = tf.tidy(() => {
    const input = normalise(tf, tf.tensor4d(imagesOf(own), [rowsOf(own), size, size, 3]), settings.mean, settings.std);
    return sliceGradients(tf, model, input, tf.tensor2d(labelsOf(own), [rowsOf(own), classes]), settings.weightDecay);
  });
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
