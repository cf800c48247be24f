/**
 * Gaussian blur of CHW images, matching OpenCV's GaussianBlur(ksize, sigma) with its default border
 * (BORDER_REFLECT_101); the RP and RISE baselines use kernel 11, sigma 5.
 */
import { convolveSeparable } from './convolve-separable.js';

/**
 * OpenCV getGaussianKernel: sampled Gaussian normalised to sum 1. sigma <= 0 derives sigma from the
 * size by OpenCV's formula (OpenCV's fixed tables for sizes <= 7 with sigma <= 0 are not reproduced).
 */
export function gaussianKernel(kernelSize: number, sigma: number): Float64Array {
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0) {
    throw new Error(`gaussianKernel: kernelSize must be a positive odd integer, got ${kernelSize}`);
  }
  const s = sigma > 0 ? sigma : 0.3 * ((kernelSize - 1) * 0.5 - 1) + 0.8;
  const kernel = new Float64Array(kernelSize);
  const centre = (kernelSize - 1) / 2;
  let sum = 0;
  for (let i = 0; i < kernelSize; i++) {
    kernel[i] = Math.exp(-((i - centre) ** 2) / (2 * s * s));
    sum += kernel[i];
  }
  for (let i = 0; i < kernelSize; i++) kernel[i] /= sum;
  return kernel;
}

export function gaussianBlur(
  src: Float32Array,
  channels: number,
  h: number,
  w: number,
  kernelSize: number,
  sigma: number,
): Float32Array {
  return convolveSeparable(src, channels, h, w, gaussianKernel(kernelSize, sigma), 'reflect101');
}
