import { describe, expect, it } from 'vitest';
import { defineMetric, type MetricPlugin } from '../src/index.js';
import { pluginShapeProblems } from '../src/testing.js';

const wellFormed = defineMetric<{ tolerance: number }>({
  name: 'example-metric',
  version: '1',
  description: 'A metric whose only option is described and defaulted.',
  needsModel: false,
  higherIsBetter: true,
  schema: { type: 'object', additionalProperties: false, properties: { tolerance: { type: 'number', minimum: 0, description: 'Hit radius.' } } },
  defaults: { tolerance: 15 },
  create: () => ({ evaluate: async () => Promise.reject(new Error('not evaluated here')) }),
});

describe('pluginShapeProblems (core/testing)', () => {
  it('finds nothing wrong with a well-formed plugin', () => {
    expect(pluginShapeProblems(wellFormed, { kind: 'metric', name: 'example-metric', everyOptionDefaulted: true })).toEqual([]);
  });

  it('names every problem of a malformed plugin', () => {
    const broken = {
      ...wellFormed,
      version: ' ',
      description: 'short',
      higherIsBetter: undefined,
      schema: { type: 'object', properties: { tolerance: { type: 'number', minimum: 20 }, extra: { type: 'string', description: 'Not defaulted.' } } },
    } as unknown as MetricPlugin<unknown>;
    expect(pluginShapeProblems(broken, { kind: 'dataset', name: 'other', everyOptionDefaulted: true })).toEqual([
      'dataset other: kind is "metric"',
      'dataset other: name is "example-metric"',
      'dataset other: needs a version',
      'dataset other: needs a description (more than 10 characters)',
      'dataset other: needs higherIsBetter (a boolean)',
      'dataset other: options schema needs additionalProperties: false',
      'dataset other: option tolerance needs a description',
      'dataset other: defaults name tolerance, the schema extra, tolerance',
      'dataset other: the schema refuses the defaults: data/tolerance must be >= 20',
      'dataset other: the schema accepts an unknown option',
    ]);
  });

  it('validates the defaults together with the options a test supplies', () => {
    const needsRoot = { ...wellFormed, schema: { ...wellFormed.schema, required: ['root'], properties: { ...(wellFormed.schema.properties as object), root: { type: 'string', description: 'Where the files are.' } } } };
    expect(pluginShapeProblems(needsRoot, { kind: 'metric', name: 'example-metric' })).toEqual([
      "metric example-metric: the schema refuses the defaults: data must have required property 'root'",
    ]);
    expect(pluginShapeProblems(needsRoot, { kind: 'metric', name: 'example-metric', options: { root: '/data' } })).toEqual([]);
  });
});
