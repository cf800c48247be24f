import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from '../src/npy.js';

describe('npy', () => {
  it('round-trips a float32 matrix with a 64-byte aligned header', () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i / 3);
    const bytes = encodeNpy(data, [3, 4]);
    expect((bytes.length - 12 * 4) % 64).toBe(0);
    expect(new TextDecoder('latin1').decode(bytes.subarray(10, 70))).toContain("'shape': (3, 4)");
    const decoded = decodeNpy(bytes);
    expect(decoded.shape).toEqual([3, 4]);
    expect(Array.from(decoded.data)).toEqual(Array.from(data));
  });

  it('rejects a truncated file', () => {
    const bytes = encodeNpy(new Float32Array(8), [2, 4]);
    expect(() => decodeNpy(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
  });
});
