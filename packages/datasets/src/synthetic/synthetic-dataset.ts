/**
 * The synthetic dataset for code callers: createSyntheticDataset(options) returns a Dataset whose
 * sample i is a pure function of (seed, split, i) and the image size.
 */
import { createRandom, type Dataset, type Sample } from '@saliency-bench/core';
import { annotate } from './annotate.js';
import { SYNTHETIC_CLASSES } from './classes.js';
import { noiseTiles } from './noise-tiles.js';
import { resolveSyntheticOptions, type SyntheticOptions } from './options.js';
import { renderScene } from './render-scene.js';
import { sampleScene } from './scene.js';

export interface SyntheticDataset extends Dataset {
  /** The resolved options, defaults filled in. */
  options: SyntheticOptions;
  /** Synchronous load, for training loops that render thousands of images. */
  loadSync(index: number): Sample;
}

/** File-name safe and stable: synthetic-test-000042, or synthetic-s7-test-000042 for seed 7. */
export function syntheticSampleId(options: Pick<SyntheticOptions, 'seed' | 'split'>, index: number): string {
  const seedPart = options.seed === 0 ? '' : `s${options.seed}-`;
  return `synthetic-${seedPart}${options.split}-${String(index).padStart(6, '0')}`;
}

/** The index in a sample id made by syntheticSampleId with these options, if it is one of theirs. */
export function syntheticSampleIndex(options: Pick<SyntheticOptions, 'seed' | 'split' | 'count'>, id: string): number | undefined {
  const prefix = syntheticSampleId(options, 0).slice(0, -6);
  if (!id.startsWith(prefix) || !/^\d{6,}$/.test(id.slice(prefix.length))) return undefined;
  const index = Number(id.slice(prefix.length));
  return index < options.count && syntheticSampleId(options, index) === id ? index : undefined;
}

/** Renders sample `index` of the dataset described by fully resolved options. */
export function renderSyntheticSample(options: SyntheticOptions, index: number): Sample {
  if (!Number.isInteger(index) || index < 0 || index >= options.count) {
    throw new RangeError(`synthetic dataset: index ${index} is outside [0, ${options.count}); raise "count" to get more images`);
  }
  const { width, height } = options;
  // The split is part of the key, so train, val and test draw unrelated scenes.
  const random = createRandom('synthetic', options.seed, options.split, index);
  const scene = sampleScene(random, {
    aspect: width / height,
    minObjects: options.minObjects,
    maxObjects: options.maxObjects,
    distractors: options.distractors,
    clutter: options.clutter,
  });
  const canvas = renderScene(scene, width, height, noiseTiles(options.seed), options.noise);
  const objects = annotate(canvas, scene);
  const labels = [...new Set(objects.map((object) => object.classIndex))].sort((a, b) => a - b);
  return { id: syntheticSampleId(options, index), image: canvas.image, width, height, labels, objects };
}

/** For code callers: defaults filled in and every field checked (see resolveSyntheticOptions). */
export function createSyntheticDataset(options: Partial<SyntheticOptions> = {}): SyntheticDataset {
  return syntheticDataset(resolveSyntheticOptions(options));
}

/** The dataset over options already resolved and checked (the plugin's `create` gets those). */
export function syntheticDataset(resolved: SyntheticOptions): SyntheticDataset {
  return {
    options: resolved,
    classes: SYNTHETIC_CLASSES,
    size: async () => resolved.count,
    load: async (index) => renderSyntheticSample(resolved, index),
    indexOf: (id) => syntheticSampleIndex(resolved, id),
    loadSync: (index) => renderSyntheticSample(resolved, index),
  };
}
