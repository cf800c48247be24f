/**
 * Renders (or loads) a dataset once into memory as one NHWC Float32Array in [0, 1] at the training
 * size, plus an [n, K] 0/1 label matrix. Training then slices batches without touching the dataset.
 */
import type { Dataset } from '@saliency-bench/core';
import type * as Tf from '@tensorflow/tfjs-core';
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
  /** Index of the first sample to take. */
  offset = 0,
  onProgress?: (done: number, total: number) => void,
): Promise<ImageCache> {
  const { tf } = runtime;
  const total = Math.min((await dataset.size()) - offset, limit ?? Number.POSITIVE_INFINITY);
  if (total < 1) throw new Error('training: the dataset has no samples');
  const K = dataset.classes.length;
  const plane = size * size * 3;
  const images = new Float32Array(total * plane);
  const labels = new Uint8Array(total * K);
  // CHW -> HWC as one transpose per chunk of images (a resize first where a sample's size differs).
  const chunk = 64;
  for (let start = 0; start < total; start += chunk) {
    const m = Math.min(chunk, total - start);
    const chw = new Float32Array(m * plane);
    for (let i = 0; i < m; i++) {
      const sample = await dataset.load(offset + start + i);
      for (const label of sample.labels) {
        if (label < 0 || label >= K) throw new Error(`training: sample ${sample.id} has label ${label} outside [0, ${K})`);
        labels[(start + i) * K + label] = 1;
      }
      if (sample.image.length !== 3 * sample.width * sample.height) {
        throw new Error(`training: sample ${sample.id} must hold 3x${sample.height}x${sample.width} values, got ${sample.image.length}`);
      }
      if (sample.height === size && sample.width === size) {
        chw.set(sample.image, i * plane);
      } else {
        const resized = tf.tidy(() => {
          const hwc = tf.transpose(tf.tensor3d(sample.image, [3, sample.height, sample.width]), [1, 2, 0]) as Tf.Tensor3D;
          return tf.transpose(tf.image.resizeBilinear(hwc, [size, size], false, true), [2, 0, 1]);
        });
        chw.set(resized.dataSync() as Float32Array, i * plane);
        resized.dispose();
      }
    }
    const hwc = tf.tidy(() => tf.transpose(tf.tensor4d(chw, [m, 3, size, size]), [0, 2, 3, 1]));
    images.set(hwc.dataSync() as Float32Array, start * plane);
    hwc.dispose();
    onProgress?.(start + m, total);
  }
  return { images, labels, count: total, size, classes: K };
}
