import { describe, expect, it } from 'vitest';
import type { Sample } from '@saliency-bench/core';
import { createSyntheticDataset, SYNTHETIC_CLASSES } from '../src/index.js';

const TOLERANCE = 15; // pixels, as in the pointing game (strict <)

/** Pointing-game hit: some mask pixel of the class lies closer than the tolerance to the point. */
function hits(sample: Sample, classIndex: number, px: number, py: number): boolean {
  for (const object of sample.objects) {
    if (object.classIndex !== classIndex) continue;
    for (let y = Math.max(0, py - TOLERANCE); y <= Math.min(sample.height - 1, py + TOLERANCE); y++) {
      for (let x = Math.max(0, px - TOLERANCE); x <= Math.min(sample.width - 1, px + TOLERANCE); x++) {
        if (object.mask![y * sample.width + x] && Math.hypot(x - px, y - py) < TOLERANCE) return true;
      }
    }
  }
  return false;
}

/** The same rule against boxes (the VOC protocol): the point lies closer than the tolerance to a box. */
function hitsBox(sample: Sample, classIndex: number, px: number, py: number): boolean {
  return sample.objects.some((object) => {
    if (object.classIndex !== classIndex) return false;
    const [x0, y0, x1, y1] = object.box;
    return Math.hypot(Math.max(x0 - px, 0, px - x1), Math.max(y0 - py, 0, py - y1)) < TOLERANCE;
  });
}

describe('synthetic dataset difficulty', () => {
  const dataset = createSyntheticDataset({ count: 200 });
  const samples = Array.from({ length: 200 }, (_, i) => dataset.loadSync(i));

  it('keeps the centre-point baseline well below half of the (image, class) pairs', () => {
    // A centred Gaussian map has its argmax at the central pixel.
    let pairs = 0;
    let hit = 0;
    let boxHit = 0;
    for (const sample of samples) {
      const cx = Math.floor(sample.width / 2);
      const cy = Math.floor(sample.height / 2);
      for (const label of sample.labels) {
        pairs++;
        if (hits(sample, label, cx, cy)) hit++;
        if (hitsBox(sample, label, cx, cy)) boxHit++;
      }
    }
    const rate = hit / pairs;
    const boxRate = boxHit / pairs;
    console.log(
      `centre baseline at 300x300: masks ${hit}/${pairs} = ${(100 * rate).toFixed(1)}%, boxes ${boxHit}/${pairs} = ${(100 * boxRate).toFixed(1)}% of (image, class) pairs`,
    );
    expect(pairs).toBeGreaterThan(250);
    expect(rate).toBeLessThan(0.3);
    expect(boxRate).toBeLessThan(0.3);
    // A box contains its mask, so the box rule hits at least as often.
    expect(boxHit).toBeGreaterThanOrEqual(hit);
    // It must still hit sometimes: objects are spread over the whole image, the centre included.
    expect(rate).toBeGreaterThan(0.03);
  });

  it('spreads object centres over the whole image', () => {
    const quadrants = [0, 0, 0, 0];
    for (const sample of samples) {
      for (const object of sample.objects) {
        const [x0, y0, x1, y1] = object.box;
        quadrants[((x0 + x1) / 2 < 150 ? 0 : 1) + ((y0 + y1) / 2 < 150 ? 0 : 2)]++;
      }
    }
    const total = quadrants.reduce((a, b) => a + b, 0);
    for (const count of quadrants) expect(count / total).toBeGreaterThan(0.18);
  });

  it('draws every class with a balanced frequency', () => {
    const counts = new Array<number>(SYNTHETIC_CLASSES.length).fill(0);
    for (const sample of samples) for (const label of sample.labels) counts[label]++;
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    console.log(`label counts over 200 images: ${SYNTHETIC_CLASSES.map((name, i) => `${name} ${counts[i]}`).join(', ')}`);
    for (const count of counts) {
      expect(count).toBeGreaterThan(0.6 * mean);
      expect(count).toBeLessThan(1.4 * mean);
    }
  });

  it('mixes images with one, two and three objects', () => {
    const byCount = [0, 0, 0, 0];
    for (const sample of samples) byCount[sample.objects.length]++;
    expect(byCount[0]).toBe(0);
    for (const n of [1, 2, 3]) expect(byCount[n]).toBeGreaterThan(30);
  });

  it('renders the same scene at a smaller size, so boxes scale with the image', () => {
    const small = createSyntheticDataset({ count: 200, width: 96, height: 96 });
    let compared = 0;
    for (let i = 0; i < 40; i++) {
      const big = samples[i];
      const little = small.loadSync(i);
      if (little.objects.length !== big.objects.length) continue; // a sliver may vanish at 96 px
      compared++;
      expect(little.labels).toEqual(big.labels);
      big.objects.forEach((object, k) => {
        const scaled = little.objects[k].box.map((v, j) => (j < 2 ? v : v + 1) * (300 / 96));
        const original = object.box.map((v, j) => (j < 2 ? v : v + 1));
        for (let j = 0; j < 4; j++) expect(Math.abs(scaled[j] - original[j])).toBeLessThan(8);
      });
    }
    expect(compared).toBeGreaterThanOrEqual(36);
  });
});
