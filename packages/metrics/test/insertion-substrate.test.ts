import { describe, expect, it } from 'vitest';
import { gaussianKernel } from '@saliency-bench/core';
import { insertionSubstrate, riseKernel } from '../src/insertion-substrate.js';

// Reference values from scipy.ndimage.gaussian_filter(delta, sigma) on an 11x11 (or 3x3) delta, the
// RISE and RP code's gkern: the centre row divided by the square root of the centre value.
const scipyRise11 = [
  0.0879581457772781, 0.0888961197770948, 0.0904741965491087, 0.092191117819388, 0.0934893884429141, 0.0939820632684325,
];

describe('insertion substrate', () => {
  it("reproduces the RISE code's kernel: a 4-sigma Gaussian folded into 11 taps", () => {
    const kernel = riseKernel(11, 5);
    for (let i = 0; i < 6; i++) {
      expect(kernel[i]).toBeCloseTo(scipyRise11[i], 9);
      expect(kernel[10 - i]).toBeCloseTo(scipyRise11[i], 9);
    }
    expect(kernel.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(Array.from(riseKernel(3, 1)).map((v) => Number(v.toFixed(8)))).toEqual([0.2960964, 0.40780719, 0.2960964]);
  });

  it('is much flatter than the OpenCV kernel of the same size and sigma', () => {
    expect(riseKernel(11, 5)[0] / riseKernel(11, 5)[5]).toBeGreaterThan(0.93);
    expect(gaussianKernel(11, 5)[0] / gaussianKernel(11, 5)[5]).toBeCloseTo(Math.exp(-0.5), 6);
  });

  it('keeps a constant image constant with OpenCV borders and dims its border with zero padding', () => {
    const flat = new Float32Array(3 * 16 * 16).fill(2);
    const opencv = insertionSubstrate(flat, [3, 16, 16], 'opencv', 11, 5);
    const rise = insertionSubstrate(flat, [3, 16, 16], 'rise', 11, 5);
    for (const v of opencv) expect(v).toBeCloseTo(2, 5);
    expect(rise[8 * 16 + 8]).toBeCloseTo(2, 5); // the 11x11 window fits inside
    // Corner: only the kernel's lower-right 6x6 block sees the image.
    const k = riseKernel(11, 5);
    const inside = k.slice(5).reduce((s, v) => s + v, 0);
    expect(rise[0]).toBeCloseTo(2 * inside * inside, 5);
  });
});
