import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSyntheticDataset, type SyntheticSplit } from '../src/index.js';

const splits: SyntheticSplit[] = ['train', 'val', 'test'];

describe('synthetic dataset splits', () => {
  it('draws disjoint image streams for train, val and test', () => {
    const seen = new Map<string, string>();
    for (const split of splits) {
      const dataset = createSyntheticDataset({ split, count: 60, width: 64, height: 64 });
      for (let i = 0; i < 60; i++) {
        const sample = dataset.loadSync(i);
        const hash = createHash('sha256').update(new Uint8Array(sample.image.buffer)).digest('hex');
        expect(seen.get(hash), `${sample.id} repeats ${seen.get(hash)}`).toBeUndefined();
        seen.set(hash, sample.id);
      }
    }
    expect(seen.size).toBe(180);
  });

  it('lays out different scenes at the same index of different splits', () => {
    // Same index, different split: the object layouts (classes and boxes) must differ, not just the noise.
    let sameLayouts = 0;
    for (let i = 0; i < 40; i++) {
      const layouts = splits.map((split) => {
        const sample = createSyntheticDataset({ split, count: 40 }).loadSync(i);
        return JSON.stringify(sample.objects.map((object) => [object.classIndex, object.box]));
      });
      if (new Set(layouts).size < 3) sameLayouts++;
    }
    expect(sameLayouts).toBe(0);
  });

  it('puts the split in every id, so files of different splits never collide', () => {
    for (const split of splits) {
      expect(createSyntheticDataset({ split }).loadSync(0).id).toBe(`synthetic-${split}-000000`);
    }
  });
});
