import { describe, expect, it } from 'vitest';
import { createSyntheticDataset, DIFFICULT_MIN_AREA_FRACTION, SYNTHETIC_CLASSES } from '../src/index.js';

describe('synthetic dataset ground truth', () => {
  const dataset = createSyntheticDataset({ count: 120, width: 200, height: 150 });
  const samples = Array.from({ length: 120 }, (_, i) => dataset.loadSync(i));

  it('respects the requested size for images and masks', () => {
    for (const sample of samples) {
      expect([sample.width, sample.height]).toEqual([200, 150]);
      expect(sample.image.length).toBe(3 * 200 * 150);
      for (const object of sample.objects) expect(object.mask!.length).toBe(200 * 150);
    }
  });

  it('keeps every image value finite and inside [0, 1]', () => {
    for (const sample of samples) {
      let min = Infinity;
      let max = -Infinity;
      for (const value of sample.image) {
        if (!(value >= min)) min = value; // NaN fails both comparisons and lands here
        if (!(value <= max)) max = value;
      }
      expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(1);
    }
  });

  it('gives every object a non-empty mask whose tight box is the object box', () => {
    for (const sample of samples) {
      for (const object of sample.objects) {
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -1;
        let y1 = -1;
        object.mask!.forEach((on, i) => {
          if (!on) return;
          const x = i % sample.width;
          const y = Math.floor(i / sample.width);
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        });
        expect(x1, `${sample.id} has an empty mask`).toBeGreaterThanOrEqual(0);
        expect(object.box).toEqual([x0, y0, x1, y1]);
      }
    }
  });

  it('keeps visible masks disjoint, since a pixel shows one object at most', () => {
    for (const sample of samples) {
      const covered = new Uint8Array(sample.width * sample.height);
      for (const object of sample.objects) {
        object.mask!.forEach((on, i) => {
          if (on) covered[i]++;
        });
      }
      expect(Math.max(...covered)).toBeLessThanOrEqual(1);
    }
  });

  it('lists as labels exactly the distinct classes of the objects, sorted', () => {
    for (const sample of samples) {
      const expected = [...new Set(sample.objects.map((object) => object.classIndex))].sort((a, b) => a - b);
      expect(sample.labels).toEqual(expected);
      expect(sample.labels.length).toBeGreaterThanOrEqual(1);
      for (const label of sample.labels) expect(label >= 0 && label < SYNTHETIC_CLASSES.length).toBe(true);
      expect(sample.objects.length).toBeLessThanOrEqual(3);
    }
  });

  it('flags objects whose visible area is under the area threshold as difficult, and keeps most objects easy', () => {
    let objects = 0;
    let difficult = 0;
    for (const sample of samples) {
      for (const object of sample.objects) {
        const area = object.mask!.reduce((sum, on) => sum + on, 0);
        if (area < DIFFICULT_MIN_AREA_FRACTION * sample.width * sample.height) expect(object.difficult).toBe(true);
        objects++;
        if (object.difficult) difficult++;
      }
    }
    expect(difficult / objects).toBeGreaterThan(0.01);
    expect(difficult / objects).toBeLessThan(0.25);
  });
});
