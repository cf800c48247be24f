/** Scores a cached dataset with a model in batches and reports mAP and per-class AUROC. */
import type * as Tf from '@tensorflow/tfjs-core';
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import type { ImageCache } from './image-cache.js';
import { meanAveragePrecision } from './average-precision.js';
import { perClassAuroc } from './auroc.js';

export interface Evaluation {
  map: number;
  auroc: number;
  perClassAp: number[];
  perClassAuroc: number[];
  count: number;
}

/** Logits [n, K] of `apply` (NHWC normalised input -> logits) over the whole cache. */
export async function predictCache(
  runtime: TfjsRuntime,
  apply: (x: Tf.Tensor4D) => Tf.Tensor,
  cache: ImageCache,
  mean: readonly number[],
  std: readonly number[],
  batchSize = 64,
): Promise<Float32Array> {
  const { tf } = runtime;
  const plane = cache.size * cache.size * 3;
  const logits = new Float32Array(cache.count * cache.classes);
  for (let start = 0; start < cache.count; start += batchSize) {
    const m = Math.min(batchSize, cache.count - start);
    const out = tf.tidy(() => {
      const x = tf.tensor4d(cache.images.subarray(start * plane, (start + m) * plane), [m, cache.size, cache.size, 3]);
      return apply(normalise(tf, x, mean, std));
    });
    logits.set((await out.data()) as Float32Array, start * cache.classes);
    out.dispose();
  }
  return logits;
}

export function normalise(tf: typeof Tf, x: Tf.Tensor4D, mean: readonly number[], std: readonly number[]): Tf.Tensor4D {
  return tf.tidy(() => tf.div(tf.sub(x, tf.tensor1d([...mean])), tf.tensor1d([...std])) as Tf.Tensor4D);
}

/** mAP and AUROC are rank statistics, so logits give the same values as probabilities. */
export function evaluateScores(scores: Float32Array, labels: Uint8Array, classes: number): Evaluation {
  const ap = meanAveragePrecision(scores, labels, classes);
  const roc = perClassAuroc(scores, labels, classes);
  return { map: ap.mean, auroc: roc.mean, perClassAp: ap.perClass, perClassAuroc: roc.perClass, count: scores.length / classes };
}
