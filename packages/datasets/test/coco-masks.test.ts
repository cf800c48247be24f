/** COCO's RLE (compressed and uncompressed) and polygon decoding, against hand-worked values. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRleString, rleToMask } from '../src/coco/coco-rle.js';
import { polygonsToMask } from '../src/coco/polygon-mask.js';

const raw = JSON.parse(await readFile(join(import.meta.dirname, 'fixtures', 'coco2014-sample', 'annotations', 'instances_val2014_sample.json'), 'utf8'));
const crowd = raw.annotations.filter((a: any) => a.iscrowd === 1);

/** The encoder of the COCO API's format (maskApi.c rleToString), written from its description, to round-trip. */
function encodeRleString(counts: number[]): string {
  let text = '';
  counts.forEach((count, i) => {
    let x = i > 2 ? count - counts[i - 2] : count;
    for (let more = true; more; ) {
      let c = x & 0x1f;
      x >>= 5;
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      text += String.fromCharCode(c + 48);
    }
  });
  return text;
}

describe('COCO RLE', () => {
  it('decodes a compressed string worked by hand: "5X1T3I" is runs 5, 40, 100, 33', () => {
    // 5 -> "5"; 40 = 8 + 1*32 -> "X" (8|0x20 + 48) "1"; 100 = 4 + 3*32 -> "T3";
    // the 4th run is stored as 33 - 40 = -7: 5-bit group 25 with the sign bit -> "I".
    expect(decodeRleString('5X1T3I')).toEqual([5, 40, 100, 33]);
    expect(encodeRleString([5, 40, 100, 33])).toBe('5X1T3I');
  });

  it('lays runs out column by column, starting with zeros', () => {
    // 3x2 image, column-major runs: 1 zero, 3 ones, 2 zeros -> column 0 = [0, 1, 1], column 1 = [1, 0, 0].
    expect(Array.from(rleToMask([1, 3, 2], 3, 2))).toEqual([0, 1, 1, 0, 1, 0]);
    expect(() => rleToMask([1, 3], 3, 2)).toThrow(/cover 4 pixels, expected 3x2 = 6/);
  });

  it("decodes the fixture's crowd regions to the box COCO gives them, compressed or not", () => {
    expect(crowd).toHaveLength(2);
    // Pixel counts from a second decoder (numpy: ones at the odd runs, reshape(w, h).T): 10513 and 6341.
    // The file's "area" of crowd regions (11750, 6687) is not their RLE's pixel count.
    const pixelCounts = [10513, 6341];
    for (const [index, annotation] of crowd.entries()) {
      const [height, width] = annotation.segmentation.size;
      const counts = annotation.segmentation.counts as number[];
      const mask = rleToMask(counts, height, width);
      expect(Array.from(rleToMask(decodeRleString(encodeRleString(counts)), height, width))).toEqual(Array.from(mask));
      let area = 0;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      mask.forEach((v, p) => {
        if (!v) return;
        area++;
        const x = p % width;
        const y = Math.floor(p / width);
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      });
      expect(area).toBe(pixelCounts[index]);
      // COCO's crowd boxes are [first column, first row, last - first column, last - first row].
      expect([x0, y0, x1 - x0, y1 - y0]).toEqual(annotation.bbox);
    }
  });
});

describe('COCO polygons', () => {
  it('fills the pixels whose centre lies inside: a 3x2 rectangle from (1, 1) to (4, 3)', () => {
    const mask = polygonsToMask([[1, 1, 4, 1, 4, 3, 1, 3]], 4, 6);
    expect(Array.from(mask)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('fills a right triangle row by row and unites two polygons of one object', () => {
    // Triangle (0,0), (4,0), (0,4): row centre y = j + 0.5 spans x < 4 - y, so 4, 3, 2, 1 pixels... minus the
    // half pixel: centres 0.5..3.5 are inside while x + 0.5 < 3.5 - j, giving 3, 2, 1, 0.
    const triangle = polygonsToMask([[0, 0, 4, 0, 0, 4]], 4, 4);
    expect(Array.from(triangle)).toEqual([1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const two = polygonsToMask([[0, 0, 2, 0, 2, 1, 0, 1], [1, 0, 3, 0, 3, 1, 1, 1]], 1, 3);
    expect(Array.from(two)).toEqual([1, 1, 1]);
  });
});
