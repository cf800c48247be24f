/**
 * Mask-side maths runs on Float32Array in production and on Float64Array in the gradient tests
 * (finite differences need the extra precision), so the helpers accept either.
 */
import type { FloatArray } from '@saliency-bench/core';

export type { FloatArray };

/** A zeroed array of the same element type as `like`. */
export function allocLike(like: FloatArray, length: number): FloatArray {
  return like instanceof Float64Array ? new Float64Array(length) : new Float32Array(length);
}

/** `source` as a Float32Array (a copy only when it is not one already). */
export function asFloat32(source: FloatArray): Float32Array {
  return source instanceof Float32Array ? source : Float32Array.from(source);
}

/** Sign with sign(0) = 0, as autograd's |x| backward uses. */
export function sign(value: number): number {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Clamp every entry into [lo, hi] in place. */
export function clampInPlace(values: FloatArray, lo: number, hi: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    values[i] = v < lo ? lo : v > hi ? hi : v;
  }
}
