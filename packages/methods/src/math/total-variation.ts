/**
 * Total-variation regularisers of a single-channel h x w mask, each returning its value and adding
 * weight * gradient into `grad`.
 */
import type { FloatArray } from './floats.js';

/**
 * Anisotropic, averaged (RP and the PyTorch MP port):
 * mean(|m[i+1,j] - m[i,j]|^beta) + mean(|m[i,j+1] - m[i,j]|^beta).
 */
export function totalVariationMean(mask: FloatArray, h: number, w: number, beta: number, weight: number, grad: FloatArray): number {
  if (beta === 2) return squaredVariationMean(mask, h, w, weight, grad);
  let rows = 0;
  let cols = 0;
  const rowScale = h > 1 ? weight / ((h - 1) * w) : 0;
  const colScale = w > 1 ? weight / (h * (w - 1)) : 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (y + 1 < h) {
        const d = mask[i + w] - mask[i];
        const a = Math.abs(d);
        rows += a ** beta;
        // d|d|^beta/dd = beta |d|^(beta-1) sign(d)
        const g = a > 0 ? rowScale * beta * a ** (beta - 1) * Math.sign(d) : 0;
        grad[i + w] += g;
        grad[i] -= g;
      }
      if (x + 1 < w) {
        const d = mask[i + 1] - mask[i];
        const a = Math.abs(d);
        cols += a ** beta;
        const g = a > 0 ? colScale * beta * a ** (beta - 1) * Math.sign(d) : 0;
        grad[i + 1] += g;
        grad[i] -= g;
      }
    }
  }
  return (h > 1 ? rows / ((h - 1) * w) : 0) + (w > 1 ? cols / (h * (w - 1)) : 0);
}

/**
 * Isotropic, summed (the official Caffe MP code): sum_ij (d1^2 + d2^2)^(beta/2) with forward
 * differences d1 (down), d2 (right), zero past the last row/column. Like the reference, the
 * gradient floors the norm at 1e-5 so that beta < 2 stays finite.
 */
export function totalVariationIsotropic(mask: FloatArray, h: number, w: number, beta: number, weight: number, grad: FloatArray): number {
  let total = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const d1 = y + 1 < h ? mask[i + w] - mask[i] : 0;
      const d2 = x + 1 < w ? mask[i + 1] - mask[i] : 0;
      const norm = Math.sqrt(d1 * d1 + d2 * d2);
      total += norm ** beta;
      const factor = weight * beta * Math.max(norm, 1e-5) ** (beta - 2);
      if (y + 1 < h) {
        grad[i + w] += factor * d1;
        grad[i] -= factor * d1;
      }
      if (x + 1 < w) {
        grad[i + 1] += factor * d2;
        grad[i] -= factor * d2;
      }
    }
  }
  return total;
}

/** totalVariationMean for beta = 2 (RP's setting) without pow: d^2 and 2d. */
function squaredVariationMean(mask: FloatArray, h: number, w: number, weight: number, grad: FloatArray): number {
  let rows = 0;
  let cols = 0;
  const rowScale = h > 1 ? (2 * weight) / ((h - 1) * w) : 0;
  const colScale = w > 1 ? (2 * weight) / (h * (w - 1)) : 0;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      const m = mask[i];
      if (y + 1 < h) {
        const d = mask[i + w] - m;
        rows += d * d;
        grad[i + w] += rowScale * d;
        grad[i] -= rowScale * d;
      }
      if (x + 1 < w) {
        const d = mask[i + 1] - m;
        cols += d * d;
        grad[i + 1] += colScale * d;
        grad[i] -= colScale * d;
      }
    }
  }
  return (h > 1 ? rows / ((h - 1) * w) : 0) + (w > 1 ? cols / (h * (w - 1)) : 0);
}
