import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';

describe('createRandom', () => {
  it('gives the same stream for the same key and different streams for different keys', () => {
    const a = Array.from({ length: 5 }, createRandom(1, 'job', 'rp').uniform);
    const b = Array.from({ length: 5 }, createRandom(1, 'job', 'rp').uniform);
    const c = Array.from({ length: 5 }, createRandom(2, 'job', 'rp').uniform);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws normals with mean near 0 and variance near 1', () => {
    const values = createRandom('moments').fillNormal(new Float32Array(200_000));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });

  it('draws uniforms in [0, 1) with mean near one half', () => {
    const random = createRandom('uniform');
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 100_000; i++) {
      const u = random.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
