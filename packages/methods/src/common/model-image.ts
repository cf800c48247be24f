/** A sample's image at the model's input resolution, raw ([0, 1]) and model-normalised. */
import { normalize, resizeBilinear, type ClassifierInfo, type Sample } from '@saliency-bench/core';

export interface ModelImage {
  /** CHW in [0, 1] at info.inputShape. */
  raw: Float32Array;
  /** The same, normalised with the model's mean/std (what the model reads). */
  x: Float32Array;
}

export function modelImage(sample: Sample, info: ClassifierInfo, size?: { h: number; w: number }): ModelImage {
  const [channels, h, w] = info.inputShape;
  const outH = size?.h ?? h;
  const outW = size?.w ?? w;
  if (sample.image.length !== channels * sample.height * sample.width) {
    throw new Error(
      `sample ${sample.id}: image has ${sample.image.length} values, expected ${channels}x${sample.height}x${sample.width} ` +
        `for model ${info.name}`,
    );
  }
  const raw = resizeBilinear(sample.image, channels, sample.height, sample.width, outH, outW);
  return { raw, x: normalize(raw, info.mean, info.std) };
}
