/**
 * Renders (or loads) a dataset once into memory as one NHWC Float32Array in [0, 1] at the training
 * size, plus an [n, K] 0/1 label matrix. Training then slices batches without touching the dataset.
 */
import type { Dataset } from '@saliency-bench/core';
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';

export interface ImageCache {
  /** NHWC, values in [0, 1]. */
  images: Float32Array;
  /** [n, K], 1 where the class is present. */
  labels: Uint8Array;
  count: number;
  size: number;
  classes: number;
}

export async function cacheDataset(
  runtime: TfjsRuntime,
  dataset: Dataset,
  size: number,
  limit?: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ImageCache> {
  const { tf } = runtime;
  const total = Math.min(await dataset.size(), limit ?? Number.POSITIVE_INFINITY);
  if (total < 1) throw new Error('training: the dataset has no samples');
  const K = dataset.classes.length;
  const plane = size * size * 3;
  const images = new Float32Array(total * plane);
  const labels = new Uint8Array(total * K);
  for (let i = 0; i < total; i++) {
    const sample = await dataset.load(i);
    for (const label of sample.labels) {
      if (label < 0 || label >= K) throw new Error(`training: sample ${sample.id} has label ${label} outside [0, ${K})`);
      labels[i * K + label] = 1;
    }
    // CHW -> HWC (and a resize when the dataset was not rendered at the training size), as tf ops.
    const hwc = tf.tidy(() => {
      const chw = tf.tensor3d(sample.image, [3, sample.height, sample.width]);
      const image = tf.transpose(chw, [1, 2, 0]) as import('@tensorflow/tfjs-core').Tensor3D;
      return sample.height === size && sample.width === size ? image : tf.image.resizeBilinear(image, [size, size], false, true);
    });
    images.set(hwc.dataSync() as Float32Array, i * plane);
    hwc.dispose();
    onProgress?.(i + 1, total);
  }
  return { images, labels, count: total, size, classes: K };
}
