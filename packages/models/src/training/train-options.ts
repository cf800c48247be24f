/** Options of `trainBackbone`, their defaults, and what a resumed run must keep unchanged. */
import { availableParallelism } from 'node:os';
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
  /** Training images per epoch, and at most this many validation samples. */
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
  stemStride?: number;
  /**
   * Each epoch trains on the next `trainCount` images of the training set (which then needs
   * epochs x trainCount samples) instead of the same ones again: never-seen scenes every epoch.
   */
  freshImages?: boolean;
  /**
   * Threads computing each batch's gradients (data parallel: the main thread plus threads - 1
   * workers, each on its own slice of the batch). Default: 2, or 1 on a single-core machine.
   */
  threads?: number;
  /** Start from the weights of this model.json (a warm restart) instead of a fresh initialisation. */
  initFrom?: string;
}

export const trainDefaults = {
  inputSize: 96,
  epochs: 18,
  batchSize: 32,
  optimizer: 'adam' as OptimizerName,
  weightDecay: 1e-4,
  warmupEpochs: 0.5,
  flip: true,
  translate: 0,
  seed: 0,
  backend: 'wasm' as TfjsBackendName,
  freshImages: false,
  threads: Math.min(2, availableParallelism()),
};

export const defaultLearningRate = (optimizer: OptimizerName) => (optimizer === 'sgd' ? 0.05 : 0.006);

/** The settings a resumed run must share with the run that wrote the checkpoint. */
export function resumeKey(options: Required<Omit<TrainBackboneOptions, 'train' | 'val' | 'signal' | 'progress' | 'resume' | 'backend' | 'outDir' | 'trainCount' | 'valCount' | 'initFrom'>> & { trainCount: number; valCount: number; initFrom?: string }) {
  const { inputSize, epochs, batchSize, lr, optimizer, weightDecay, warmupEpochs, flip, translate, seed, name, channels, stemStride, freshImages, threads, trainCount, valCount, initFrom } = options;
  return { inputSize, epochs, batchSize, lr, optimizer, weightDecay, warmupEpochs, flip, translate, seed, name, channels: [...channels], stemStride, freshImages, threads, trainCount, valCount, initFrom: initFrom ?? null };
}
