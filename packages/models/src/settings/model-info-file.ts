/**
 * What a model's folder says about it: ONNX files carry no classes or normalisation, so
 * `saliency-bench train` writes them to a model-info.json (and a classes.txt) beside the model;
 * tfjs models also keep them in model.json's metadata.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ClassifierInfo } from '@saliency-bench/core';
import type { DeclaredModelSettings } from './model-settings.js';

export type ModelInfoFile = Omit<ClassifierInfo, 'classes'> & { classes: string[] };

/** Reads a model-info.json (classes, mean, std, activation) if there is one. */
export async function readModelInfo(path: string): Promise<ModelInfoFile | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as ModelInfoFile;
  } catch {
    throw new Error(`${path} is not valid JSON; delete it or fix it (fields: name, classes, inputShape, activation, mean, std)`);
  }
}

/**
 * What the files beside a model declare: a model-info.json's fields, and classes from a classes.txt
 * when model-info.json names none (as its path, read by the resolver).
 */
export async function settingsBeside(file: string): Promise<DeclaredModelSettings> {
  const dir = dirname(file);
  const info = await readModelInfo(join(dir, 'model-info.json'));
  const classesFile = join(dir, 'classes.txt');
  const settings: DeclaredModelSettings = {
    name: info?.name,
    classes: info?.classes ?? (existsSync(classesFile) ? classesFile : undefined),
    inputSize: info?.inputShape ? [info.inputShape[1], info.inputShape[2]] : undefined,
    mean: info?.mean,
    std: info?.std,
    activation: info?.activation,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
