/** Options of the synthetic dataset: the JSON Schema, its defaults, and a resolver for code callers. */
import type { JSONSchemaType } from '@saliency-bench/core';

export type SyntheticSplit = 'train' | 'val' | 'test';

export interface SyntheticOptions {
  count: number;
  width: number;
  height: number;
  seed: number;
  split: SyntheticSplit;
  minObjects: number;
  maxObjects: number;
  distractors: number;
  clutter: number;
  noise: number;
}

export const syntheticDefaults: SyntheticOptions = {
  count: 200,
  width: 300,
  height: 300,
  seed: 0,
  split: 'test',
  minObjects: 1,
  maxObjects: 3,
  distractors: 2,
  clutter: 1,
  noise: 0.02,
};

const integer = (description: string, minimum: number, maximum: number) => ({
  type: 'integer',
  minimum,
  maximum,
  description,
});

export const syntheticSchema: JSONSchemaType = {
  type: 'object',
  additionalProperties: false,
  properties: {
    count: integer('Number of images in the dataset.', 1, 10_000_000),
    width: integer('Image width in pixels; the scene is defined in relative coordinates.', 16, 4096),
    height: integer('Image height in pixels.', 16, 4096),
    seed: integer('Dataset seed: the same (seed, split, index) always gives the same image.', 0, 2 ** 31 - 1),
    split: {
      type: 'string',
      enum: ['train', 'val', 'test'],
      description: 'Which stream of images: train, val and test never share a scene.',
    },
    minObjects: integer('Fewest annotated objects per image.', 1, 5),
    maxObjects: integer('Most annotated objects per image (at least minObjects).', 1, 5),
    distractors: integer('Most distractor shapes (of no class) per image.', 0, 5),
    clutter: { type: 'number', minimum: 0, maximum: 4, description: 'Amount of background clutter (small blobs and lines); 0 turns it off.' },
    noise: { type: 'number', minimum: 0, maximum: 0.2, description: 'Standard deviation of the per-pixel noise.' },
  },
};

type PropertySchema = { type: string; minimum?: number; maximum?: number; enum?: string[] };

/** Fills defaults and checks every field, with errors that name the field and the fix. */
export function resolveSyntheticOptions(input: Partial<SyntheticOptions> = {}): SyntheticOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('synthetic dataset: options must be an object such as { "count": 200 }');
  }
  const properties = syntheticSchema.properties as Record<string, PropertySchema>;
  for (const [key, value] of Object.entries(input)) {
    const property = properties[key];
    if (!property) {
      throw new TypeError(`synthetic dataset: unknown option "${key}"; known options: ${Object.keys(properties).join(', ')}`);
    }
    if (value === undefined) continue;
    if (property.enum) {
      if (!property.enum.includes(value as string)) {
        throw new RangeError(`synthetic dataset: option "${key}" must be one of ${property.enum.join(', ')}, got ${JSON.stringify(value)}`);
      }
      continue;
    }
    const isNumber = typeof value === 'number' && Number.isFinite(value);
    if (!isNumber || (property.type === 'integer' && !Number.isInteger(value))) {
      throw new TypeError(`synthetic dataset: option "${key}" must be a finite ${property.type}, got ${JSON.stringify(value)}`);
    }
    if (value < (property.minimum ?? -Infinity) || value > (property.maximum ?? Infinity)) {
      throw new RangeError(
        `synthetic dataset: option "${key}" must be between ${property.minimum} and ${property.maximum}, got ${value}`,
      );
    }
  }
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const options: SyntheticOptions = { ...syntheticDefaults, ...defined };
  if (options.minObjects > options.maxObjects) {
    throw new RangeError(
      `synthetic dataset: minObjects (${options.minObjects}) must not exceed maxObjects (${options.maxObjects})`,
    );
  }
  return options;
}
