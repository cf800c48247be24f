/**
 * Tests any Classifier on a dataset: mAP and per-class AUROC of its scores against the labels.
 * Images go through core's toModelInput (resize to the model input, normalise), in batches.
 */
import { toModelInput, type Classifier, type Dataset } from '@saliency-bench/core';
import { evaluateScores, type Evaluation } from './evaluate-cache.js';

export interface EvaluateOptions {
  /** Test at most this many samples (default: all). */
  count?: number;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function evaluateClassifier(classifier: Classifier, dataset: Dataset, options: EvaluateOptions = {}): Promise<Evaluation & { classes: string[] }> {
  const classes = [...classifier.info.classes];
  const K = classes.length;
  if (dataset.classes.length !== K) {
    throw new Error(`test: the model has ${K} classes but the dataset has ${dataset.classes.length}; pair the model with the dataset it was trained on`);
  }
  const total = Math.min(await dataset.size(), options.count ?? Infinity);
  const batchSize = options.batchSize ?? 32;
  const [c, h, w] = classifier.info.inputShape;
  const plane = c * h * w;
  const scores = new Float32Array(total * K);
  const labels = new Uint8Array(total * K);
  for (let start = 0; start < total; start += batchSize) {
    const m = Math.min(batchSize, total - start);
    const batch = new Float32Array(m * plane);
    for (let i = 0; i < m; i++) {
      const sample = await dataset.load(start + i);
      batch.set(toModelInput(sample, classifier.info), i * plane);
      for (const label of sample.labels) labels[(start + i) * K + label] = 1;
    }
    scores.set(await classifier.forward(batch, m), start * K);
    options.onProgress?.(start + m, total);
  }
  return { ...evaluateScores(scores, labels, K), classes };
}
