import { createRandom, resizeBilinear } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { resizeBilinearUint8 } from '../src/common/uint8-bilinear-resize.js';

const levels = (values: Float32Array) => Array.from(values, (v) => Math.round(v * 255));
const fromLevels = (values: number[]) => Float32Array.from(values, (v) => v / 255);

describe("the baseline source's resize (cv2.resize INTER_LINEAR on uint8)", () => {
  it('halves a row from the two nearest pixels, without antialiasing, rounding half up (hand values)', () => {
    // 4 -> 2: sources 0.5 and 2.5: (0 + 100) / 2 = 50 and (200 + 255) / 2 = 227.5 -> 228.
    expect(levels(resizeBilinearUint8(fromLevels([0, 100, 200, 255]), 1, 1, 4, 1, 2))).toEqual([50, 228]);
  });

  it('doubles a column with weights 3/4 and 1/4 and clamps at the borders (hand values)', () => {
    // 2 -> 4: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1):
    // 10, 0.75*10 + 0.25*21 = 12.75 -> 13, 0.25*10 + 0.75*21 = 18.25 -> 18, 21.
    expect(levels(resizeBilinearUint8(fromLevels([10, 21]), 1, 2, 1, 4, 1))).toEqual([10, 13, 18, 21]);
  });

  it('rounds the input to 8-bit levels first, as the decoded JPEG is', () => {
    // 0.31 is level 79.05 -> 79, 0.71 is 181.05 -> 181; an unchanged size is a copy of the levels.
    expect(levels(resizeBilinearUint8(Float32Array.from([0.31, 0.71]), 1, 1, 2, 1, 2))).toEqual([79, 181]);
    // 2 -> 1 averages levels, not the floats: 0.0021 is level 0.54 -> 1, (1 + 0) / 2 = 0.5 -> 1
    // (the floats would give 0.27 -> 0).
    expect(levels(resizeBilinearUint8(Float32Array.from([0.0021, 0]), 1, 1, 2, 1, 1))).toEqual([1]);
  });

  it('stays within half a level of the float bilinear resize of the same levels', () => {
    const random = createRandom('uint8-resize');
    const image = fromLevels(Array.from({ length: 3 * 37 * 23 }, () => Math.floor(random.uniform() * 256)));
    const exact = resizeBilinear(image, 3, 23, 37, 11, 19);
    const rounded = resizeBilinearUint8(image, 3, 23, 37, 11, 19);
    for (let i = 0; i < exact.length; i++) expect(Math.abs(exact[i] - rounded[i]) * 255).toBeLessThanOrEqual(0.5 + 1e-3);
  });
});
