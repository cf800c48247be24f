import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { builtinDatasets, createSyntheticDataset, resolveSyntheticOptions, syntheticDefaults } from '../src/index.js';
import { syntheticPlugin } from '../src/synthetic/plugin.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(syntheticPlugin.schema);

describe('synthetic dataset options', () => {
  it('accepts its own defaults and describes every option', () => {
    expect(validate(syntheticPlugin.defaults), JSON.stringify(validate.errors)).toBe(true);
    const properties = syntheticPlugin.schema.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(syntheticDefaults).sort());
    for (const [name, property] of Object.entries(properties)) expect(property.description, name).toBeTruthy();
  });

  it('rejects unknown keys, bad splits and out-of-range sizes in the schema', () => {
    expect(validate({ count: 10, colour: 'red' })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'colour' } });
    expect(validate({ split: 'holdout' })).toBe(false);
    expect(validate({ width: 8 })).toBe(false);
    expect(validate({ count: 2.5 })).toBe(false);
  });

  it('rejects the same mistakes for code callers, naming the field', () => {
    expect(() => resolveSyntheticOptions({ colour: 'red' } as never)).toThrow(/unknown option "colour"/);
    expect(() => resolveSyntheticOptions({ split: 'holdout' as never })).toThrow(/"split" must be one of train, val, test/);
    expect(() => resolveSyntheticOptions({ width: 8 })).toThrow(/"width" must be between 16 and 4096/);
    expect(() => resolveSyntheticOptions({ count: 2.5 })).toThrow(/"count" must be a finite integer/);
    expect(() => resolveSyntheticOptions({ minObjects: 3, maxObjects: 2 })).toThrow(/minObjects/);
  });

  it('fills defaults: 200 test images of 300x300 with seed 0', async () => {
    const dataset = createSyntheticDataset();
    expect(dataset.options).toEqual(syntheticDefaults);
    expect(await dataset.size()).toBe(200);
    const sample = await dataset.load(0);
    expect([sample.width, sample.height]).toEqual([300, 300]);
  });

  it('is registered lazily as the built-in "synthetic" dataset plugin', async () => {
    const plugin = await builtinDatasets.synthetic();
    expect(plugin).toBe(syntheticPlugin);
    expect(plugin.kind).toBe('dataset');
    const dataset = await plugin.create({ ...plugin.defaults, count: 3, width: 32, height: 48 }, { baseDir: '/', seed: 1 });
    expect(dataset.classes.length).toBe(8);
    expect(await dataset.size()).toBe(3);
    expect((await dataset.load(2)).image.length).toBe(3 * 32 * 48);
  });

  it('honours the object and distractor knobs', () => {
    const single = createSyntheticDataset({ maxObjects: 1, distractors: 0, clutter: 0, count: 20 });
    for (let i = 0; i < 20; i++) expect(single.loadSync(i).objects.length).toBe(1);
    const many = createSyntheticDataset({ minObjects: 3, maxObjects: 3, count: 20 });
    const counts = Array.from({ length: 20 }, (_, i) => many.loadSync(i).objects.length);
    expect(counts.filter((n) => n === 3).length).toBeGreaterThan(15);
  });
});
