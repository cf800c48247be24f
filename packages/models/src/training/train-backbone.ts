/**
 * Trains the built-in backbone: caches the datasets in memory, runs epochs, and after each one
 * evaluates validation mAP, appends a line to train-log.jsonl, writes a checkpoint and the current
 * model (model.json, weights.bin, classes.txt). `resume` continues from the last checkpoint with
 * the optimizer state; an aborted signal loses at most the epoch in progress.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { appendLines, writeFileAtomic } from '@saliency-bench/core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { loadTfjs, type TfjsRuntime } from '../tfjs/tfjs-runtime.js';
import { fileIOHandler } from '../tfjs/file-io-handler.js';
import { createBackbone } from '../backbone/create-backbone.js';
import { BACKBONE_CHANNELS, BACKBONE_MEAN, BACKBONE_NAME, BACKBONE_STD, BACKBONE_STEM_STRIDE } from '../backbone/backbone-spec.js';
import { cacheDataset } from './image-cache.js';
import { createOptimizer } from './optimizer.js';
import { cosineLearningRate } from './cosine-schedule.js';
import { evaluateScores, predictCache } from './evaluate-cache.js';
import { loadCheckpoint, readCheckpointState, saveCheckpoint } from './checkpoint.js';
import { createProgressReporter } from './progress.js';
import { trainEpoch } from './train-epoch.js';
import { GradientWorkers } from './gradient-workers.js';
import { defaultLearningRate, resumeKey, trainDefaults, type TrainBackboneOptions } from './train-options.js';

export interface EpochRecord {
  epoch: number;
  loss: number;
  valMap: number;
  valAuroc: number;
  lr: number;
  seconds: number;
}

export interface TrainResult {
  outDir: string;
  epochs: EpochRecord[];
  interrupted: boolean;
}

export async function trainBackbone(input: TrainBackboneOptions): Promise<TrainResult> {
  const optimizerName = input.optimizer ?? trainDefaults.optimizer;
  const o = { ...trainDefaults, name: BACKBONE_NAME, channels: BACKBONE_CHANNELS, stemStride: BACKBONE_STEM_STRIDE, lr: defaultLearningRate(optimizerName), ...definedOnly(input) };
  const outDir = resolve(o.outDir);
  if (!Number.isInteger(o.threads) || o.threads < 1) throw new Error(`training: threads must be a positive integer, got ${o.threads}`);
  const progress = input.progress ?? createProgressReporter();
  const runtime = await loadTfjs(o.backend);
  const { tf } = runtime;
  const trainSize = await input.train.size();
  const trainCount = Math.min(o.freshImages ? Math.floor(trainSize / o.epochs) : trainSize, o.trainCount ?? Infinity);
  if (trainCount < 1) throw new Error(`training: ${trainSize} training samples cannot give ${o.epochs} epochs of fresh images`);
  const valCount = Math.min(await input.val.size(), o.valCount ?? Infinity);
  const config = resumeKey({ ...o, trainCount, valCount });
  const logPath = join(outDir, 'train-log.jsonl');

  let state = await readCheckpointState(outDir);
  if (state && !o.resume) throw new Error(`training: ${outDir} already holds a checkpoint; pass --resume to continue it or choose another --out`);
  if (state && JSON.stringify(state.config) !== JSON.stringify(config)) {
    throw new Error(`training: the checkpoint in ${outDir} was made with other settings (${JSON.stringify(state.config)}); resume with the same ones or choose another --out`);
  }
  const history = state ? await readLog(logPath, state.epoch) : [];
  if (state && state.epoch >= o.epochs) return { outDir, epochs: history, interrupted: false };

  const fresh = o.freshImages ? ' (new ones each epoch)' : '';
  progress.line(`rendering ${trainCount} training${fresh} and ${valCount} validation images at ${o.inputSize}px (backend ${runtime.backend}, ${o.threads} thread${o.threads > 1 ? 's' : ''})`);
  // With fresh images, epoch e trains on samples [(e - 1) n, e n).
  const epochOffset = (epoch: number) => (o.freshImages ? (epoch - 1) * trainCount : 0);
  let train = await cacheDataset(runtime, input.train, o.inputSize, trainCount, epochOffset((state?.epoch ?? 0) + 1));
  const val = await cacheDataset(runtime, input.val, o.inputSize, valCount);
  const classes = input.train.classes;

  const optimizer = createOptimizer(tf, o.optimizer, o.lr);
  let model: TfLayers.LayersModel = state
    ? await loadCheckpoint(runtime, outDir, state, optimizer)
    : o.initFrom
      ? await loadInitialModel(runtime, o.initFrom, classes.length, o.inputSize)
      : createBackbone(runtime, { classes: classes.length, inputSize: o.inputSize, channels: o.channels, stemStride: o.stemStride, seed: o.seed });
  model.setUserDefinedMetadata({
    saliencyBench: { name: o.name, classes: [...classes], mean: [...BACKBONE_MEAN], std: [...BACKBONE_STD], activation: 'sigmoid' },
  });
  await writeFileAtomic(logPath, history.map((r) => JSON.stringify(r) + '\n').join(''));
  await writeFileAtomic(join(outDir, 'classes.txt'), classes.join('\n') + '\n');

  const batches = Math.ceil(train.count / o.batchSize);
  const totalSteps = batches * o.epochs;
  const warmup = Math.round(o.warmupEpochs * batches);
  let step = state?.step ?? 0;
  let workers: GradientWorkers | undefined;
  try {
    if (o.threads > 1) {
      workers = await GradientWorkers.start(o.threads - 1, {
        backend: o.backend, topology: model.toJSON(null, false) as object, weightDecay: o.weightDecay, mean: [...BACKBONE_MEAN], std: [...BACKBONE_STD],
      });
    }
    for (let epoch = (state?.epoch ?? 0) + 1; epoch <= o.epochs; epoch++) {
      const started = Date.now();
      if (o.freshImages && epoch > (state?.epoch ?? 0) + 1) train = await cacheDataset(runtime, input.train, o.inputSize, trainCount, epochOffset(epoch));
      const lr = cosineLearningRate(step, totalSteps, o.lr, warmup);
      const result = await trainEpoch(runtime, model, optimizer, train, {
        ...o, epoch, mean: BACKBONE_MEAN, std: BACKBONE_STD, signal: input.signal, workers,
        learningRate: (s) => cosineLearningRate(s, totalSteps, o.lr, warmup),
        onBatch: (b, n, loss) => progress.batch(epoch, o.epochs, b, n, loss),
      }, step);
      if (result.interrupted) {
        progress.line(`interrupted during epoch ${epoch}; the checkpoint of epoch ${epoch - 1} is kept (resume with --resume)`);
        return { outDir, epochs: history, interrupted: true };
      }
      step = result.step;
      const scores = await predictCache(runtime, (x) => model.apply(x, { training: false }) as never, val, BACKBONE_MEAN, BACKBONE_STD);
      const evaluation = evaluateScores(scores, val.labels, val.classes);
      const record: EpochRecord = {
        epoch, loss: result.loss, valMap: evaluation.map, valAuroc: evaluation.auroc, lr, seconds: (Date.now() - started) / 1000,
      };
      history.push(record);
      await appendLines(logPath, [JSON.stringify(record)]);
      await saveCheckpoint(runtime, outDir, model, optimizer, { epoch, step, config });
      await model.save(fileIOHandler(tf.io, join(outDir, 'model.json')));
      progress.line(`epoch ${epoch}/${o.epochs} loss ${record.loss.toFixed(4)} val mAP ${record.valMap.toFixed(4)} AUROC ${record.valAuroc.toFixed(4)} (${record.seconds.toFixed(1)}s)`);
    }
  } finally {
    await workers?.close();
    model.dispose();
    optimizer.optimizer.dispose();
  }
  return { outDir, epochs: history, interrupted: false };
}

/** A warm restart: the weights of an earlier run, checked against this run's classes and input size. */
async function loadInitialModel(runtime: TfjsRuntime, path: string, classes: number, size: number): Promise<TfLayers.LayersModel> {
  const model = await runtime.layers.loadLayersModel(fileIOHandler(runtime.tf.io, resolve(path)));
  const [, h, w] = model.inputs[0].shape;
  const k = model.outputs[0].shape[1];
  if (h !== size || w !== size || k !== classes) {
    model.dispose();
    throw new Error(`training: --init-from ${path} takes ${h}x${w} inputs and has ${k} outputs; this run needs ${size}x${size} and ${classes}`);
  }
  return model;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

async function readLog(path: string, upToEpoch: number): Promise<EpochRecord[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const records: EpochRecord[] = [];
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as EpochRecord;
      if (record.epoch <= upToEpoch) records.push(record);
    } catch {
      // A torn last line from an interrupted write.
    }
  }
  return records;
}
