/** Which (sample, class) pairs to explain: ground truth, the RP protocol's "correct" rule, or top-k. */
import { randomOtherClass } from './random-other-class.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { Activation, CleanPass, Job, Sample } from '../types.js';

export function jobKey(sample: Sample, classIndex: number): string {
  return `${sample.id}__${classIndex}`;
}

/** What the random-other mode needs: the spec seed and the dataset's number of classes. */
export interface TargetContext {
  seed: number;
  classCount: number;
}

/**
 * The jobs of a chunk of samples. `clean` holds each sample's clean pass through the run's model
 * (absent without a model): the correct and top-k modes read its probabilities, and every job
 * carries its sample's pass to the methods and metrics.
 */
export function selectJobs(samples: Sample[], targets: ResolvedSpec['targets'], clean?: readonly CleanPass[], context?: TargetContext): Job[] {
  const jobsOf = (sample: Sample, row: number, classes: number[]): Job[] =>
    classes.map((classIndex) => ({ sample, classIndex, key: jobKey(sample, classIndex), ...(clean?.[row] ? { clean: clean[row] } : {}) }));
  if (targets.mode === 'random-other') {
    if (!context) throw new Error('targets mode random-other needs the spec seed and the class count');
    return samples.flatMap((sample, row) => {
      const labels = [...new Set(sample.labels)].sort((a, b) => a - b);
      const other = randomOtherClass(context.seed, sample.id, labels, context.classCount);
      return jobsOf(sample, row, other === undefined ? labels : [...labels, other].sort((a, b) => a - b));
    });
  }
  if (targets.mode === 'ground-truth' || !clean) {
    return samples.flatMap((sample, row) => jobsOf(sample, row, [...sample.labels].sort((a, b) => a - b)));
  }
  return samples.flatMap((sample, row) => {
    const pass = clean[row];
    const p = pass.probabilities;
    if (targets.mode === 'correct') {
      const predicted = predictedSet(p, pass.model.activation);
      const labels = [...new Set(sample.labels)].sort((a, b) => a - b);
      const exact = predicted.length === labels.length && predicted.every((c, i) => c === labels[i]);
      return exact ? jobsOf(sample, row, labels) : [];
    }
    const ranked = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
    return jobsOf(sample, row, ranked.slice(0, targets.k));
  });
}

/** Sigmoid models: classes with p >= 0.5 (the RP reference); softmax models: the top-1 class. */
function predictedSet(p: Float32Array, activation: Activation): number[] {
  if (activation === 'softmax') {
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    return [best];
  }
  return Array.from(p.keys()).filter((k) => p[k] >= 0.5);
}
