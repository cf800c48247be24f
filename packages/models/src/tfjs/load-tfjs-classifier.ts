/**
 * loadTfjsClassifier: a TensorFlow.js model.json (layers or graph model) as a core Classifier.
 * Each field of the model info comes from, in order: the options, the model's own metadata,
 * a classes.txt beside model.json, and (classes only) the dataset the model is paired with.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Classifier, ClassifierInfo } from '@saliency-bench/core';
import { loadTfjs, type TfjsBackendName } from './tfjs-runtime.js';
import { loadTfjsModel } from './load-tfjs-model.js';
import { createTfjsClassifier } from './tfjs-classifier.js';

export interface TfjsClassifierOptions {
  /** Path of model.json, or of the directory holding it. */
  model: string;
  backend?: TfjsBackendName;
  /** Class names, or the path of a text file with one name per line. */
  classes?: string[] | string;
  /** Square input side, for models whose input size is not fixed. */
  inputSize?: number;
  mean?: number[];
  std?: number[];
  activation?: 'sigmoid' | 'softmax';
  name?: string;
  /** Most images per engine call. */
  batchSize?: number;
  /** Classes to fall back on when neither the options nor the model name them. */
  fallbackClasses?: readonly string[];
}

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

export async function readClassesFile(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new Error(`classes: cannot read ${path} (${error.message}); give a text file with one class name per line`);
  });
  const classes = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (classes.length === 0) throw new Error(`classes: ${path} is empty; give one class name per line`);
  return classes;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function resolveModelJson(path: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => {
    throw new Error(`tfjs model: ${full} does not exist; pass a model.json or the directory holding it`);
  });
  return info.isDirectory() ? join(full, 'model.json') : full;
}

export async function loadTfjsClassifier(options: TfjsClassifierOptions): Promise<Classifier> {
  const modelJson = await resolveModelJson(options.model);
  const runtime = await loadTfjs(options.backend ?? 'auto');
  const loaded = await loadTfjsModel(runtime, modelJson);
  const meta = loaded.metadata;
  try {
    const sidecar = join(dirname(modelJson), 'classes.txt');
    const classes =
      typeof options.classes === 'string' ? await readClassesFile(options.classes)
        : options.classes ?? meta.classes ?? ((await exists(sidecar)) ? await readClassesFile(sidecar) : options.fallbackClasses);
    if (!classes || classes.length === 0) {
      throw new Error(`tfjs model: ${modelJson} names no classes; pass "classes" or put a classes.txt beside it`);
    }
    const [h, w, c] = loaded.inputShape;
    const height = h ?? options.inputSize;
    const width = w ?? options.inputSize;
    if (!height || !width) throw new Error(`tfjs model: ${modelJson} has no fixed input size; pass "inputSize"`);
    if (options.inputSize !== undefined && (options.inputSize !== height || options.inputSize !== width)) {
      throw new Error(`tfjs model: ${modelJson} takes ${height}x${width} inputs, but "inputSize" says ${options.inputSize}`);
    }
    const mean = options.mean ?? meta.mean ?? IMAGENET_MEAN;
    const std = options.std ?? meta.std ?? IMAGENET_STD;
    const channels = c ?? 3;
    if (mean.length !== channels || std.length !== channels) {
      throw new Error(`tfjs model: "mean" and "std" need ${channels} values (one per channel)`);
    }
    const info: ClassifierInfo = {
      name: options.name ?? meta.name ?? 'tfjs',
      classes: [...classes],
      inputShape: [channels, height, width],
      activation: options.activation ?? meta.activation ?? 'sigmoid',
      mean: [...mean],
      std: [...std],
    };
    return createTfjsClassifier(runtime, loaded.adapter, info, options.batchSize ?? 32);
  } catch (error) {
    loaded.adapter.dispose();
    throw error;
  }
}
