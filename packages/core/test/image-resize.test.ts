import { describe, expect, it } from 'vitest';
import { resizeBilinear, resizeMap } from '../src/image/index.js';

describe('resizeBilinear (align_corners=false)', () => {
  it('upsamples [0, 1] to [0, 0.25, 0.75, 1] like PyTorch and OpenCV', () => {
    const out = resizeMap(Float32Array.from([0, 1]), 1, 2, 1, 4);
    expect(Array.from(out)).toEqual([0, 0.25, 0.75, 1]);
  });

  it('downsamples by two by averaging neighbouring pairs (no antialiasing)', () => {
    const out = resizeMap(Float32Array.from([0, 1, 2, 3]), 1, 4, 1, 2);
    expect(Array.from(out)).toEqual([0.5, 2.5]);
  });

  it('resizes a 3x3 ramp to 2x2 at source points (0.25, 0.25), (0.25, 1.75), (1.75, 0.25), (1.75, 1.75)', () => {
    // value = 3*y + x, sampled at y, x in {0.25, 1.75}
    const out = resizeMap(Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]), 3, 3, 2, 2);
    expect(Array.from(out)).toEqual([1, 2.5, 5.5, 7]);
  });

  it('preserves a linear ramp up to the clamped border', () => {
    const h = 5;
    const w = 7;
    const src = new Float32Array(h * w).map((_, i) => 2 * Math.floor(i / w) - 0.5 * (i % w));
    const outH = 13;
    const outW = 3;
    const out = resizeMap(src, h, w, outH, outW);
    const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const sy = clamp((y + 0.5) * (h / outH) - 0.5, h);
        const sx = clamp((x + 0.5) * (w / outW) - 0.5, w);
        expect(out[y * outW + x]).toBeCloseTo(2 * sy - 0.5 * sx, 5);
      }
    }
  });

  it('keeps a constant multi-channel image constant, channel by channel', () => {
    const src = new Float32Array(3 * 4 * 6);
    src.fill(0.2, 0, 24).fill(0.5, 24, 48).fill(0.9, 48);
    const out = resizeBilinear(src, 3, 4, 6, 9, 5);
    expect(out.length).toBe(3 * 9 * 5);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo([0.2, 0.5, 0.9][Math.floor(i / 45)], 6);
  });

  it('returns a copy when the size does not change', () => {
    const src = Float32Array.from([1, 2, 3, 4]);
    const out = resizeMap(src, 2, 2, 2, 2);
    expect(out).toEqual(src);
    expect(out).not.toBe(src);
  });

  it('names the expected shape when the array length is wrong', () => {
    expect(() => resizeBilinear(new Float32Array(5), 1, 2, 2, 4, 4)).toThrow(/1x2x2 = 4 values, got 5/);
  });
});
