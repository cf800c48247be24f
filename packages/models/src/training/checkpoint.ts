/**
 * Per-epoch checkpoints. Each epoch's model and optimizer state go to checkpoints/epoch-NNNN/;
 * only then does checkpoint.json (written atomically) point at it. A run killed at any moment
 * therefore resumes from the last finished epoch, never from half-written files.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@saliency-bench/core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type { TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import { fileIOHandler } from '../tfjs/file-io-handler.js';
import { loadOptimizerState, saveOptimizerState, type TrainOptimizer } from './optimizer.js';

export interface CheckpointState {
  /** Epochs finished (1-based count). */
  epoch: number;
  /** Optimizer steps taken. */
  step: number;
  /** The training configuration the run started with, to refuse a resume under other settings. */
  config: Record<string, unknown>;
  /** Directory of the checkpoint, relative to the output directory. */
  dir: string;
}

const epochDir = (epoch: number) => join('checkpoints', `epoch-${String(epoch).padStart(4, '0')}`);

export async function saveCheckpoint(
  runtime: TfjsRuntime,
  outDir: string,
  model: TfLayers.LayersModel,
  optimizer: TrainOptimizer,
  state: Omit<CheckpointState, 'dir'>,
): Promise<void> {
  const dir = epochDir(state.epoch);
  await model.save(fileIOHandler(runtime.tf.io, join(outDir, dir, 'model.json')));
  await saveOptimizerState(runtime.tf, optimizer.optimizer, join(outDir, dir));
  await writeFileAtomic(join(outDir, 'checkpoint.json'), JSON.stringify({ ...state, dir }, null, 2) + '\n');
  // Older epochs are no longer needed once the pointer has moved.
  const names = await readdir(join(outDir, 'checkpoints')).catch(() => [] as string[]);
  for (const name of names) {
    if (join('checkpoints', name) !== dir) await rm(join(outDir, 'checkpoints', name), { recursive: true, force: true });
  }
}

export async function readCheckpointState(outDir: string): Promise<CheckpointState | undefined> {
  const text = await readFile(join(outDir, 'checkpoint.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as CheckpointState;
  } catch {
    throw new Error(`training: ${join(outDir, 'checkpoint.json')} is corrupt; delete it (and checkpoints/) to start over`);
  }
}

/** Loads the model of a checkpoint and restores the optimizer state into `optimizer`. */
export async function loadCheckpoint(
  runtime: TfjsRuntime,
  outDir: string,
  state: CheckpointState,
  optimizer: TrainOptimizer,
): Promise<TfLayers.LayersModel> {
  const dir = join(outDir, state.dir);
  const model = await runtime.layers.loadLayersModel(fileIOHandler(runtime.tf.io, join(dir, 'model.json')));
  await loadOptimizerState(runtime.tf, optimizer.optimizer, dir);
  return model;
}
