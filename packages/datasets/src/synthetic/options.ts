/**
 * Options of the synthetic dataset, written once with TypeBox: the JSON Schema, the type derived
 * from it, the defaults, and a resolver for code callers of createSyntheticDataset.
 */
import { stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';

const splits = ['train', 'val', 'test'] as const;
export type SyntheticSplit = (typeof splits)[number];

// Every option has a default, so none is `required` (test --dataset asks only for required ones).
const integer = (description: string, minimum: number, maximum: number) => Type.Optional(Type.Integer({ minimum, maximum, description }));

export const syntheticSchema = Type.Object(
  {
    count: integer('Number of images in the dataset.', 1, 10_000_000),
    width: integer('Image width in pixels; the scene is defined in relative coordinates.', 16, 4096),
    height: integer('Image height in pixels.', 16, 4096),
    seed: integer('Dataset seed: the same (seed, split, index) always gives the same image.', 0, 2 ** 31 - 1),
    split: Type.Optional(stringEnum(splits, { description: 'Which stream of images: train, val and test never share a scene.' })),
    minObjects: integer('Fewest annotated objects per image.', 1, 5),
    maxObjects: integer('Most annotated objects per image (at least minObjects).', 1, 5),
    distractors: integer('Most distractor shapes (of no class) per image.', 0, 5),
    clutter: Type.Optional(Type.Number({ minimum: 0, maximum: 4, description: 'Amount of background clutter (small blobs and lines); 0 turns it off.' })),
    noise: Type.Optional(Type.Number({ minimum: 0, maximum: 0.2, description: 'Standard deviation of the per-pixel noise.' })),
  },
  { additionalProperties: false },
);

/** The options as `create` receives them: every field filled in. */
export type SyntheticOptions = Required<Static<typeof syntheticSchema>>;

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

type PropertySchema = { type: string; minimum?: number; maximum?: number; enum?: string[] };

/**
 * For code callers of createSyntheticDataset (the plugin's `create` gets options the pipeline
 * already checked): fills defaults and checks every field against the schema, throwing on the
 * first problem with a message that names the field and the fix.
 */
export function resolveSyntheticOptions(input: Partial<SyntheticOptions> = {}): SyntheticOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('synthetic dataset: options must be an object such as { "count": 200 }');
  }
  const properties: Record<string, PropertySchema> = syntheticSchema.properties as never;
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
  return checkObjectCounts({ ...syntheticDefaults, ...defined });
}

/** The one rule the schema cannot say: minObjects <= maxObjects. Returns the options. */
export function checkObjectCounts(options: SyntheticOptions): SyntheticOptions {
  if (options.minObjects > options.maxObjects) {
    throw new RangeError(
      `synthetic dataset: minObjects (${options.minObjects}) must not exceed maxObjects (${options.maxObjects})`,
    );
  }
  return options;
}
