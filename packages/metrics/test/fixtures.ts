/** Hand-made samples, jobs and a linear classifier whose probabilities can be worked out by hand. */
import { createRandom, type Classifier, type ClassifierInfo, type Job, type MetricContext, type Sample, type SampleObject } from '@saliency-bench/core';

export function makeSample(id: string, height: number, width: number, objects: SampleObject[] = [], channels = 3): Sample {
  return {
    id,
    image: new Float32Array(channels * height * width),
    width,
    height,
    labels: [...new Set(objects.map((object) => object.classIndex))],
    objects,
  };
}

export function box(classIndex: number, coords: [number, number, number, number], difficult = false): SampleObject {
  return { classIndex, box: coords, difficult };
}

export function makeJob(sample: Sample, classIndex: number): Job {
  return { sample, classIndex, key: `${sample.id}__${classIndex}` };
}

/** A map of the given size that is 0 everywhere except 1 at (x, y). */
export function peakMap(height: number, width: number, x: number, y: number): Float32Array {
  const map = new Float32Array(height * width);
  map[y * width + x] = 1;
  return map;
}

/**
 * logits[k] = sum_i weights[k][i] * x[i] + bias[k] on the model-normalised input: a real Classifier
 * (forward and its exact VJP) whose curves are computable by hand. It records every batch size.
 */
export class LinearClassifier implements Classifier {
  readonly batches: number[] = [];

  constructor(
    readonly info: ClassifierInfo,
    private readonly weights: Float32Array[],
    private readonly bias: number[] = weights.map(() => 0),
  ) {}

  async forward(x: Float32Array, n: number): Promise<Float32Array> {
    const size = x.length / n;
    this.batches.push(n);
    const logits = new Float32Array(n * this.weights.length);
    for (let row = 0; row < n; row++) {
      for (let k = 0; k < this.weights.length; k++) {
        let sum = this.bias[k];
        for (let i = 0; i < size; i++) sum += this.weights[k][i] * x[row * size + i];
        logits[row * this.weights.length + k] = sum;
      }
    }
    return logits;
  }

  async vjp(x: Float32Array, n: number, gLogits: Float32Array): Promise<{ logits: Float32Array; gInput: Float32Array }> {
    const size = x.length / n;
    const gInput = new Float32Array(x.length);
    for (let row = 0; row < n; row++) {
      for (let k = 0; k < this.weights.length; k++) {
        const g = gLogits[row * this.weights.length + k];
        for (let i = 0; i < size; i++) gInput[row * size + i] += g * this.weights[k][i];
      }
    }
    return { logits: await this.forward(x, n), gInput };
  }

  async dispose(): Promise<void> {}
}

export function linearInfo(shape: [number, number, number], classes: number, activation: 'sigmoid' | 'softmax'): ClassifierInfo {
  return {
    name: 'linear-toy',
    classes: Array.from({ length: classes }, (_, k) => `class${k}`),
    inputShape: shape,
    activation,
    mean: new Array(shape[0]).fill(0),
    std: new Array(shape[0]).fill(1),
  };
}

export function metricContext(model?: Classifier): MetricContext {
  return { model, random: (job) => createRandom(0, job.key, 'metric'), signal: new AbortController().signal };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
