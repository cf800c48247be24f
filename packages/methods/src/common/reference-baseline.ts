/**
 * The "blurred" baseline of RP and of the PyTorch MP port: the average of an 11x11 Gaussian blur
 * (sigma 5) and an 11x11 median blur of the unnormalised [0, 1] image.
 *
 * The RP reference code normalises this baseline with ImageNet mean/std while the input uses the
 * model's own statistics; its BGR->RGB flip only undoes OpenCV's BGR loading, so on our RGB
 * samples it is a no-op. 'reference' reproduces that mix, 'model' uses the model's statistics.
 */
import { gaussianBlur, IMAGENET_MEAN, IMAGENET_STD, medianBlur, normalize, type ClassifierInfo } from '@saliency-bench/core';

export type BaselineNormalisation = 'reference' | 'model';

export { IMAGENET_MEAN, IMAGENET_STD };

/** `raw` is CHW [0, 1] with the model's channel count, h x w. */
export function referenceBaseline(
  raw: Float32Array,
  h: number,
  w: number,
  info: ClassifierInfo,
  normalisation: BaselineNormalisation,
): Float32Array {
  const channels = info.inputShape[0];
  const gauss = gaussianBlur(raw, channels, h, w, 11, 5);
  const median = medianBlur(raw, channels, h, w, 11);
  const mixed = new Float32Array(raw.length);
  for (let i = 0; i < mixed.length; i++) mixed[i] = (gauss[i] + median[i]) / 2;
  if (normalisation === 'model') return normalize(mixed, info.mean, info.std);
  if (channels !== 3) {
    throw new Error(`baseline "reference" normalises with ImageNet's 3-channel statistics; model ${info.name} has ${channels} channels (use baseline "model")`);
  }
  return normalize(mixed, IMAGENET_MEAN, IMAGENET_STD);
}
