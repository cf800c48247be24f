/**
 * The two optimisers training offers, with a settable learning rate (for the cosine schedule) and
 * their state saved to / restored from disk, so a resumed run continues the same trajectory.
 * SGD uses momentum 0.9 with Nesterov's update; Adam uses the usual betas (0.9, 0.999).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@saliency-bench/core';
import type * as Tf from '@tensorflow/tfjs-core';

export type OptimizerName = 'sgd' | 'adam';

export interface TrainOptimizer {
  optimizer: Tf.Optimizer;
  setLearningRate(lr: number): void;
}

export function createOptimizer(tf: typeof Tf, name: OptimizerName, lr: number, momentum = 0.9): TrainOptimizer {
  if (name === 'sgd') {
    const optimizer = tf.train.momentum(lr, momentum, true);
    return { optimizer, setLearningRate: (value) => optimizer.setLearningRate(value) };
  }
  if (name === 'adam') {
    const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-7);
    // Adam reads its protected learningRate field on every step.
    return { optimizer, setLearningRate: (value) => { (optimizer as unknown as { learningRate: number }).learningRate = value; } };
  }
  throw new Error(`training: unknown optimizer "${name as string}"; choose sgd or adam`);
}

/** Writes optimizer.json (the weight specs) and optimizer.bin (their values) into `dir`. */
export async function saveOptimizerState(tf: typeof Tf, optimizer: Tf.Optimizer, dir: string): Promise<void> {
  const weights = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(weights);
  const bytes = new Uint8Array(new tf.io.CompositeArrayBuffer(data).slice());
  await writeFileAtomic(join(dir, 'optimizer.bin'), bytes);
  await writeFileAtomic(join(dir, 'optimizer.json'), JSON.stringify({ specs }));
  // Only the iteration counter is a fresh tensor; the rest are the optimizer's own variables.
  weights[0]?.tensor.dispose();
}

export async function loadOptimizerState(tf: typeof Tf, optimizer: Tf.Optimizer, dir: string): Promise<void> {
  const { specs } = JSON.parse(await readFile(join(dir, 'optimizer.json'), 'utf8')) as { specs: Tf.io.WeightsManifestEntry[] };
  const bytes = await readFile(join(dir, 'optimizer.bin'));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const named = tf.io.decodeWeights(buffer, specs);
  const list = specs.map((spec) => ({ name: spec.name, tensor: named[spec.name] }));
  // The optimizer copies these into its own variables.
  await optimizer.setWeights(list);
  for (const { tensor } of list) tensor.dispose();
}
