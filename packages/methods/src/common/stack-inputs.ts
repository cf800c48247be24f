/** Model inputs of several jobs (their clean passes' when the runner made them) stacked into one NCHW batch. */
import { modelInputOf, type ClassifierInfo, type Job } from '@saliency-bench/core';
import { checkTargets } from './require-model.js';

export function stackInputs(jobs: readonly Job[], info: ClassifierInfo): Float32Array {
  const [c, h, w] = info.inputShape;
  const size = c * h * w;
  const batch = new Float32Array(jobs.length * size);
  jobs.forEach((job, j) => batch.set(modelInputOf(job, info), j * size));
  return batch;
}

/** One-hot dL/dlogits rows: 1 at each job's class. */
export function oneHotRows(jobs: readonly Job[], classes: number, method: string, model: string): Float32Array {
  checkTargets(jobs, classes, method, model);
  const g = new Float32Array(jobs.length * classes);
  jobs.forEach((job, j) => (g[j * classes + job.classIndex] = 1));
  return g;
}
