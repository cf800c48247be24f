/** A sample's image as the model expects it: resized to info.inputShape, then normalised. */
import type { ClassifierInfo, Sample } from '../types.js';
import { normalize } from './normalize.js';
import { resizeBilinear } from './resize.js';

export function toModelInput(sample: Sample, info: ClassifierInfo): Float32Array {
  const [channels, height, width] = info.inputShape;
  if (sample.image.length !== channels * sample.height * sample.width) {
    throw new Error(
      `toModelInput: sample ${sample.id} has ${sample.image.length} values, expected ` +
        `${channels}x${sample.height}x${sample.width} for model ${info.name}`,
    );
  }
  const resized = resizeBilinear(sample.image, channels, sample.height, sample.width, height, width);
  return normalize(resized, info.mean, info.std);
}
