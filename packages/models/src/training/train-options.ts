/** Options of `trainBackbone`, their defaults, and what a resumed run must keep unchanged. */
import type { Dataset } from '@saliency-bench/core';
import type { TfjsBackendName } from '../tfjs/tfjs-runtime.js';
import type { OptimizerName } from './optimizer.js';
import type { ProgressReporter } from './progress.js';

export interface TrainBackboneOptions {
  train: Dataset;
  val: Dataset;
  /** Output directory: model.json, weights.bin, classes.txt, train-log.jsonl, checkpoints. */
  outDir: string;
  inputSize?: number;
  /** Use at most this many training / validation samples. */
  trainCount?: number;
  valCount?: number;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: OptimizerName;
  /** L2 penalty on conv and dense kernels (added to the loss as wd/2 * ||W||^2). */
  weightDecay?: number;
  /** Linear learning-rate warm-up before the cosine decay, in epochs. */
  warmupEpochs?: number;
  flip?: boolean;
  /** Largest random shift in pixels. */
  translate?: number;
  seed?: number;
  backend?: TfjsBackendName;
  /** Continue from the last checkpoint in outDir. */
  resume?: boolean;
  /** Stops after the current batch; the last finished epoch's checkpoint stays. */
  signal?: AbortSignal;
  progress?: ProgressReporter;
  name?: string;
  channels?: readonly number[];
  /** Start from the weights of this model.json (a warm restart) instead of a fresh initialisation. */
  initFrom?: string;
}

export const trainDefaults = {
  inputSize: 96,
  epochs: 12,
  batchSize: 32,
  optimizer: 'adam' as OptimizerName,
  weightDecay: 1e-4,
  warmupEpochs: 0.5,
  flip: true,
  translate: 8,
  seed: 0,
  backend: 'wasm' as TfjsBackendName,
};

export const defaultLearningRate = (optimizer: OptimizerName) => (optimizer === 'sgd' ? 0.05 : 0.002);

/** The settings a resumed run must share with the run that wrote the checkpoint. */
export function resumeKey(options: Required<Omit<TrainBackboneOptions, 'train' | 'val' | 'signal' | 'progress' | 'resume' | 'backend' | 'outDir' | 'trainCount' | 'valCount' | 'initFrom'>> & { trainCount: number; valCount: number; initFrom?: string }) {
  const { inputSize, epochs, batchSize, lr, optimizer, weightDecay, warmupEpochs, flip, translate, seed, name, channels, trainCount, valCount, initFrom } = options;
  return { inputSize, epochs, batchSize, lr, optimizer, weightDecay, warmupEpochs, flip, translate, seed, name, channels: [...channels], trainCount, valCount, initFrom: initFrom ?? null };
}
