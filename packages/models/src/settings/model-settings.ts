/**
 * One resolver of what a model expects, for every engine. Each field comes from, in order:
 *   1. the options (the spec entry, or the caller from code);
 *   2. what the model says about itself: model.json's saliency-bench metadata (tfjs), then a
 *      model-info.json beside the model file (written by `saliency-bench train`; see
 *      model-info-file.ts), then, for classes, a classes.txt beside it;
 *   3. classes only: the classes of the dataset the model is paired with;
 *   4. the one default of the field (MODEL_SETTING_DEFAULTS below).
 * Relative paths (the model, a classes file) resolve against the spec file's directory.
 */
import { basename, dirname, resolve } from 'node:path';
import { IMAGENET_MEAN, IMAGENET_STD, type ClassifierInfo } from '@saliency-bench/core';
import { readClassesFile } from './class-names.js';
import type { DeclaredModelSettings } from './settings-schema.js';

export type { Activation } from '@saliency-bench/core';
import type { Activation } from '@saliency-bench/core';
export type { DeclaredModelSettings } from './settings-schema.js';

/**
 * The defaults. activation is sigmoid: every dataset shipped (synthetic, VOC, COCO) is
 * multi-label, the paper's protocol scores VOC/COCO models with a sigmoid, and the built-in model
 * (the quick start) is one; a single-label (ImageNet-style) model declares "softmax".
 */
export const MODEL_SETTING_DEFAULTS = {
  activation: 'sigmoid' as Activation,
  /** ImageNet's statistics for an RGB input; no normalisation (0 and 1) for other channel counts. */
  mean: (channels: number): number[] => (channels === 3 ? [...IMAGENET_MEAN] : new Array<number>(channels).fill(0)),
  std: (channels: number): number[] => (channels === 3 ? [...IMAGENET_STD] : new Array<number>(channels).fill(1)),
};

/** The model file's absolute path: a relative one resolves against the spec's directory. */
export function modelPath(path: string, baseDir: string = process.cwd()): string {
  return resolve(baseDir, path);
}

/** The options over what the model file says: a field the options leave out comes from the file. */
export function declaredSettings(options: DeclaredModelSettings, fromFile: DeclaredModelSettings = {}): DeclaredModelSettings {
  const merged: DeclaredModelSettings = { ...fromFile };
  for (const [key, value] of Object.entries(options) as [keyof DeclaredModelSettings, unknown][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** inputSize as [height, width]. */
export function inputSizeOf(declared: DeclaredModelSettings): [number, number] | undefined {
  const size = declared.inputSize;
  if (size === undefined) return undefined;
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

export interface ModelFileFacts {
  /** The model file (absolute). */
  file: string;
  /** [channels, height, width] of the input, sizes resolved. */
  inputShape: readonly [number, number, number];
  /** Outputs of the logits, where the engine knows them before running the model. */
  classCount?: number;
  /** Display name when neither the options nor the file give one. */
  defaultName: string;
}

export interface SettingsContext {
  /** The spec file's directory: a relative classes file resolves against it. */
  baseDir?: string;
  datasetClasses?: readonly string[];
}

/** The model's ClassifierInfo from the declared settings, the file's facts and the defaults. */
export async function resolveModelSettings(declared: DeclaredModelSettings, facts: ModelFileFacts, context: SettingsContext = {}): Promise<ClassifierInfo> {
  const { file } = facts;
  const classes = await resolveClasses(declared.classes, file, context);
  if (facts.classCount !== undefined && classes.names.length !== facts.classCount) {
    throw new Error(`${file}: the model has ${facts.classCount} outputs but ${classes.source} lists ${classes.names.length} classes; give a class list of length ${facts.classCount}`);
  }
  const [channels] = facts.inputShape;
  const mean = [...(declared.mean ?? MODEL_SETTING_DEFAULTS.mean(channels))];
  const std = [...(declared.std ?? MODEL_SETTING_DEFAULTS.std(channels))];
  if (mean.length !== channels || std.length !== channels) {
    throw new Error(`${file}: mean and std need ${channels} values (one per input channel)`);
  }
  return {
    name: declared.name ?? facts.defaultName,
    classes: [...classes.names],
    inputShape: [...facts.inputShape],
    activation: declared.activation ?? MODEL_SETTING_DEFAULTS.activation,
    mean,
    std,
  };
}

async function resolveClasses(classes: DeclaredModelSettings['classes'], file: string, context: SettingsContext): Promise<{ names: readonly string[]; source: string }> {
  if (Array.isArray(classes)) return { names: classes, source: 'the classes option' };
  if (typeof classes === 'string') {
    const path = resolve(context.baseDir ?? process.cwd(), classes);
    return { names: await readClassesFile(path), source: path };
  }
  if (context.datasetClasses && context.datasetClasses.length > 0) return { names: context.datasetClasses, source: "the dataset's classes" };
  throw new Error(`${file}: the model names no classes; set the "classes" option (a list or a names file), put a classes.txt beside the model, or pair it with a dataset`);
}

/** A file's name without its extension (model.json: the name of its folder). */
export function fileStem(file: string): string {
  const name = basename(file);
  return name === 'model.json' ? basename(dirname(file)) : name.replace(/\.[^.]+$/, '');
}
