/**
 * RP's two images of a sample at the model's input size: the model input x and the source of the
 * blurred baseline, each resized the way the chosen reference does (rp-options.ts).
 */
import { normalize, type ClassifierInfo, type Sample } from '@saliency-bench/core';
import { modelImage } from '../common/model-image.js';
import { resizePilBilinear } from '../common/pil-bilinear-resize.js';
import { resizeBilinearUint8 } from '../common/uint8-bilinear-resize.js';
import type { RpReferenceSettings } from './rp-options.js';

export interface RpImages {
  /** Model-normalised CHW input. */
  x: Float32Array;
  /** CHW in [0, 1], blurred into the baseline. */
  baselineSource: Float32Array;
}

export function rpImages(sample: Sample, info: ClassifierInfo, settings: Pick<RpReferenceSettings, 'inputResize' | 'baselineResize'>): RpImages {
  const [channels, h, w] = info.inputShape;
  // modelImage also checks the sample's size against the model's channels.
  const plain = modelImage(sample, info);
  const resize = (fn: typeof resizePilBilinear) => fn(sample.image, channels, sample.height, sample.width, h, w);
  const x = settings.inputResize === 'pil-bilinear' ? normalize(resize(resizePilBilinear), info.mean, info.std) : plain.x;
  const baselineSource = settings.baselineResize === 'opencv-uint8' ? resize(resizeBilinearUint8) : plain.raw;
  return { x, baselineSource };
}
