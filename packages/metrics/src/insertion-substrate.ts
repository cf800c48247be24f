/**
 * The blurred image that insertion starts from, in two published forms:
 * - 'rise': the RISE and RP code: an 11x11 kernel made by scipy.ndimage.gaussian_filter(delta, 5)
 *   (a Gaussian truncated at 4 sigma and folded back into the 11x11 window by half-sample
 *   reflection), applied to the normalised image as a zero-padded conv2d;
 * - 'opencv': cv2.GaussianBlur(image, (11, 11), 5) with OpenCV's reflect-101 border.
 */
import { convolveSeparable, gaussianKernel } from '@saliency-bench/core';

export const SUBSTRATE_BLURS = ['rise', 'opencv'] as const;
export type SubstrateBlur = (typeof SUBSTRATE_BLURS)[number];

/** scipy's 'reflect' mode (d c b a | a b c d | d c b a). */
function reflectHalfSample(i: number, n: number): number {
  const period = 2 * n;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - 1 - j;
}

/** The 1-D factor of the RISE kernel: a truncated Gaussian filtering a centred delta, folded into `size` taps. */
export function riseKernel(size: number, sigma: number): Float64Array {
  const radius = Math.floor(4 * sigma + 0.5);
  const weights = Float64Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const centre = Math.floor(size / 2);
  const kernel = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < weights.length; k++) {
      if (reflectHalfSample(i + k - radius, size) === centre) kernel[i] += weights[k] / total;
    }
  }
  return kernel;
}

export function insertionSubstrate(
  image: Float32Array,
  [channels, height, width]: readonly [number, number, number],
  blur: SubstrateBlur,
  kernelSize: number,
  sigma: number,
): Float32Array {
  return blur === 'rise'
    ? convolveSeparable(image, channels, height, width, riseKernel(kernelSize, sigma), 'zero')
    : convolveSeparable(image, channels, height, width, gaussianKernel(kernelSize, sigma), 'reflect101');
}
