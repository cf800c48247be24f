import { describe, expect, it } from 'vitest';
import { createSyntheticDataset } from '../src/synthetic/synthetic-dataset.js';

describe('synthetic indexOf', () => {
  it('finds the index of each of its own sample ids without rendering', async () => {
    for (const options of [{ count: 30 }, { count: 30, seed: 7, split: 'val' as const }]) {
      const dataset = createSyntheticDataset({ ...options, width: 32, height: 32 });
      for (const index of [0, 9, 29]) expect(dataset.indexOf!((await dataset.load(index)).id)).toBe(index);
    }
  });

  it('answers undefined for ids of another seed, split or past the count, and for malformed ids', () => {
    const dataset = createSyntheticDataset({ count: 30, width: 32, height: 32 });
    for (const id of ['synthetic-s7-test-000001', 'synthetic-val-000001', 'synthetic-test-000030', 'synthetic-test-1', 'synthetic-test-00000x', '']) {
      expect(dataset.indexOf!(id)).toBeUndefined();
    }
  });
});
