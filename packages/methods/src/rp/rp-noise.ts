/**
 * One branch's noise for one step. The paper adds N(0, std) to the whole input; the official code
 * draws it with `cv2.randn(noise, 0, 0.2)` on an H x W x 3 array, where OpenCV reads 0.2 as the
 * scalar (0.2, 0, 0, 0): channel 0 gets N(0, 0.2), channels 1 and 2 get exactly 0. Channel 0 is
 * the model input's first channel (R for RGB images) after the code's HWC -> CHW transpose.
 */
import type { Random } from '@saliency-bench/core';
import { fillGaussian } from '../math/fill-gaussian.js';
import type { RpReferenceSettings } from './rp-options.js';

/** CHW noise; with 'first', only the first plane is drawn (the stream advances by one plane). */
export function drawRpNoise(random: Random, channels: number, plane: number, std: number, noiseChannels: RpReferenceSettings['noiseChannels']): Float32Array {
  const noise = new Float32Array(channels * plane);
  fillGaussian(random, noiseChannels === 'first' ? noise.subarray(0, plane) : noise, std);
  return noise;
}
