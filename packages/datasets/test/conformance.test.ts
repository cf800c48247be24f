/**
 * Every built-in dataset plugin, from the built-in table: a well-formed plugin with a closed,
 * described schema whose defaults it accepts, and samples that keep the Sample contract (CHW image
 * in [0, 1] at the stated size, labels in the class range that match the objects, stable ids that
 * indexOf finds, the same sample on a second load). A new built-in needs its options below, or
 * this file does not compile.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetPlugin } from '@saliency-bench/core';
import { pluginShapeProblems } from '@saliency-bench/core/testing';
import { builtinDatasets } from '../src/builtins.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const JPEGS = join(FIXTURES, 'voc2007-sample', 'VOCdevkit', 'VOC2007', 'JPEGImages');
const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

async function imageFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'datasets-conformance-'));
  scratch.push(root);
  for (const [sub, id] of [['cats', '000001'], ['dogs', '000002']]) {
    await mkdir(join(root, sub));
    await copyFile(join(JPEGS, `${id}.jpg`), join(root, sub, `${id}.jpg`));
  }
  return root;
}

/** Options that open each built-in on the repository's fixtures (the required ones at least). */
const fixtureOptions: Record<keyof typeof builtinDatasets, () => Promise<Record<string, unknown>>> = {
  synthetic: async () => ({ count: 3, width: 40, height: 32 }),
  voc: async () => ({ root: join(FIXTURES, 'voc2007-sample', 'VOCdevkit'), split: 'test' }),
  coco: async () => ({ images: join(FIXTURES, 'coco2014-sample', 'val2014'), annotations: join(FIXTURES, 'coco2014-sample', 'annotations', 'instances_val2014_sample.json') }),
  imagefolder: async () => ({ root: await imageFolder() }),
};

describe.each(Object.keys(builtinDatasets) as (keyof typeof builtinDatasets)[])('dataset %s', (name) => {
  it('is a well-formed plugin with a closed, described schema that accepts its defaults with the fixture options', async () => {
    const plugin = (await builtinDatasets[name]()) as DatasetPlugin<Record<string, unknown>>;
    expect(pluginShapeProblems(plugin, { kind: 'dataset', name, options: await fixtureOptions[name]() })).toEqual([]);
  });

  it('loads samples that keep the Sample contract, the same on a second load', async () => {
    const plugin = (await builtinDatasets[name]()) as DatasetPlugin<Record<string, unknown>>;
    const dataset = await plugin.create({ ...plugin.defaults, ...(await fixtureOptions[name]()) }, { baseDir: '/', seed: 0 });
    try {
      const size = await dataset.size();
      expect(size).toBeGreaterThan(0);
      expect(dataset.classes.length).toBeGreaterThan(0);
      for (const index of [0, size - 1]) {
        const sample = await dataset.load(index);
        expect(sample.id).toMatch(/^[^/\\]+$/);
        expect(sample.image.length).toBe(3 * sample.width * sample.height);
        let [low, high] = [Infinity, -Infinity];
        for (const v of sample.image) [low, high] = [Math.min(low, v), Math.max(high, v)];
        expect([low >= 0, high <= 1]).toEqual([true, true]);
        for (const label of sample.labels) expect(label >= 0 && label < dataset.classes.length).toBe(true);
        expect(new Set(sample.labels).size).toBe(sample.labels.length);
        for (const object of sample.objects) expect(sample.labels).toContain(object.classIndex);
        if (dataset.indexOf) expect(dataset.indexOf(sample.id)).toBe(index);
        const again = await dataset.load(index);
        expect([again.id, again.labels]).toEqual([sample.id, sample.labels]);
        expect(Buffer.from(again.image.buffer).equals(Buffer.from(sample.image.buffer))).toBe(true);
      }
    } finally {
      await dataset.dispose?.();
    }
  });
});
