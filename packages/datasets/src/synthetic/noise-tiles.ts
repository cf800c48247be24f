/**
 * Periodic noise tiles drawn once per dataset seed from core's seeded PRNG. Images sample them at
 * per-image shifts, which keeps rendering cheap (no per-pixel PRNG calls) and deterministic.
 */
import { createRandom } from '@saliency-bench/core';

export interface NoiseTiles {
  /** Uniform values on a coarse periodic grid, read with bilinear interpolation (value noise). */
  value: Float32Array;
  valueSize: number;
  /** Standard normal values, read per pixel (sensor-like noise). */
  pixel: Float32Array;
  pixelSize: number;
}

const VALUE_SIZE = 64; // a power of two, so wrapping is a bit mask
const PIXEL_SIZE = 257; // odd and prime, so rows of different images do not line up
const cache = new Map<number, NoiseTiles>();

export function noiseTiles(seed: number): NoiseTiles {
  let tiles = cache.get(seed);
  if (!tiles) {
    const random = createRandom('synthetic', seed, 'noise-tiles');
    const value = new Float32Array(VALUE_SIZE * VALUE_SIZE);
    for (let i = 0; i < value.length; i++) value[i] = random.uniform();
    const pixel = random.fillNormal(new Float32Array(PIXEL_SIZE * PIXEL_SIZE));
    tiles = { value, valueSize: VALUE_SIZE, pixel, pixelSize: PIXEL_SIZE };
    if (cache.size > 16) cache.clear();
    cache.set(seed, tiles);
  }
  return tiles;
}

/**
 * One row of value noise: the tile interpolated vertically at grid row y, so a pixel row then
 * needs only one horizontal interpolation per pixel. `out` has valueSize + 1 entries (periodic).
 * Coordinates must be non-negative (callers add a whole number of periods).
 */
export function valueNoiseRow(tiles: NoiseTiles, y: number, out: Float32Array): Float32Array {
  const n = tiles.valueSize;
  const fy = Math.floor(y);
  const ty = y - fy;
  const row0 = (fy & (n - 1)) * n;
  const row1 = ((fy + 1) & (n - 1)) * n;
  const v = tiles.value;
  for (let x = 0; x < n; x++) out[x] = v[row0 + x] + (v[row1 + x] - v[row0 + x]) * ty;
  out[n] = out[0];
  return out;
}

/** Horizontal interpolation within a row from valueNoiseRow, at non-negative grid column x. */
export function sampleNoiseRow(row: Float32Array, mask: number, x: number): number {
  const fx = Math.floor(x);
  const i = fx & mask;
  return row[i] + (row[i + 1] - row[i]) * (x - fx);
}
