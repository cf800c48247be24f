/** Which (sample, class) pairs to explain: ground truth, the RP protocol's "correct" rule, or top-k. */
import { toModelInput } from '../image/index.js';
import { probabilities } from '../model/probabilities.js';
import { randomOtherClass } from './random-other-class.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { Activation, Classifier, Job, Sample } from '../types.js';

export function jobKey(sample: Sample, classIndex: number): string {
  return `${sample.id}__${classIndex}`;
}

/** What the random-other mode needs: the spec seed and the dataset's number of classes. */
export interface TargetContext {
  seed: number;
  classCount: number;
}

export async function selectJobs(samples: Sample[], targets: ResolvedSpec['targets'], model?: Classifier, context?: TargetContext): Promise<Job[]> {
  const groundTruth = (sample: Sample, classes: number[]) => classes.map((classIndex) => ({ sample, classIndex, key: jobKey(sample, classIndex) }));
  if (targets.mode === 'random-other') {
    if (!context) throw new Error('targets mode random-other needs the spec seed and the class count');
    return samples.flatMap((sample) => {
      const labels = [...new Set(sample.labels)].sort((a, b) => a - b);
      const other = randomOtherClass(context.seed, sample.id, labels, context.classCount);
      return groundTruth(sample, other === undefined ? labels : [...labels, other].sort((a, b) => a - b));
    });
  }
  if (targets.mode === 'ground-truth' || !model) {
    return samples.flatMap((sample) => groundTruth(sample, [...sample.labels].sort((a, b) => a - b)));
  }
  const probs = await predict(samples, model);
  const classes = model.info.classes.length;
  return samples.flatMap((sample, row) => {
    const p = probs.subarray(row * classes, (row + 1) * classes);
    if (targets.mode === 'correct') {
      const predicted = predictedSet(p, model.info.activation);
      const labels = [...new Set(sample.labels)].sort((a, b) => a - b);
      const exact = predicted.length === labels.length && predicted.every((c, i) => c === labels[i]);
      return exact ? groundTruth(sample, labels) : [];
    }
    const ranked = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
    return groundTruth(sample, ranked.slice(0, targets.k));
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

async function predict(samples: Sample[], model: Classifier): Promise<Float32Array> {
  const [c, h, w] = model.info.inputShape;
  const batch = new Float32Array(samples.length * c * h * w);
  samples.forEach((sample, i) => batch.set(toModelInput(sample, model.info), i * c * h * w));
  const logits = await model.forward(batch, samples.length);
  return probabilities(logits, samples.length, model.info.activation);
}
