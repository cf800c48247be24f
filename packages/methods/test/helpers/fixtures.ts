/** Samples, jobs and method contexts for the tests (no model engine, no files). */
import { createRandom, type Classifier, type Job, type MethodContext, type Sample } from '@saliency-bench/core';

/** A textured image with a bright square at (x0, y0), CHW in [0, 1]. */
export function squareSample(id: string, size: number, x0: number, y0: number, side: number): Sample {
  const random = createRandom('sample', id);
  const plane = size * size;
  const image = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inside = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
        const value = inside ? 0.85 - 0.2 * c : 0.3 + 0.2 * random.uniform();
        image[c * plane + y * size + x] = value;
      }
    }
  }
  return {
    id,
    image,
    width: size,
    height: size,
    labels: [0],
    objects: [{ classIndex: 0, box: [x0, y0, x0 + side - 1, y0 + side - 1], difficult: false }],
  };
}

/** `count` jobs on distinct samples, classes cycling through `classes`. */
export function makeJobs(count: number, size: number, classes: number): Job[] {
  return Array.from({ length: count }, (_, i) => {
    const sample = squareSample(`s${i}`, size + (i % 3) * 4, 2 + (i % 4), 3 + ((i * 3) % 5), 6);
    const classIndex = i % classes;
    return { sample, classIndex, key: `${sample.id}__${classIndex}` };
  });
}

export function makeContext(model: Classifier | undefined, options: { seed?: number; batchSize?: number; signal?: AbortSignal } = {}): MethodContext {
  const seed = options.seed ?? 777;
  return {
    model,
    random: (job) => createRandom(seed, job.key, 'test-method'),
    signal: options.signal ?? new AbortController().signal,
    batchSize: options.batchSize ?? 4,
  };
}
