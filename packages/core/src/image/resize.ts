/**
 * Bilinear resizing of CHW images with align_corners=false semantics, the convention shared by
 * PyTorch's F.interpolate(mode='bilinear') and OpenCV's INTER_LINEAR (no antialiasing): the
 * shared Resampler at float32 precision.
 */
import { Resampler } from './resampler.js';

function checkImage(src: Float32Array, channels: number, h: number, w: number, what: string): void {
  if (!(channels >= 1 && h >= 1 && w >= 1) || src.length !== channels * h * w) {
    throw new Error(
      `${what}: expected a CHW array of ${channels}x${h}x${w} = ${channels * h * w} values, got ${src.length}`,
    );
  }
}

/** Resize a CHW image to outH x outW (two separable passes: rows, then columns). */
export function resizeBilinear(
  src: Float32Array,
  channels: number,
  h: number,
  w: number,
  outH: number,
  outW: number,
): Float32Array {
  checkImage(src, channels, h, w, 'resizeBilinear');
  if (!(outH >= 1 && outW >= 1)) throw new Error(`resizeBilinear: output size ${outH}x${outW} must be at least 1x1`);
  // Float32 weights and row pass: the rounding every image and map resize has had (resampler.ts).
  return new Resampler(h, w, outH, outW, 'bilinear', 'float32').forward(src, channels);
}

/** Resize a single-channel H x W map (bilinear, align_corners=false). */
export function resizeMap(map: Float32Array, h: number, w: number, outH: number, outW: number): Float32Array {
  return resizeBilinear(map, 1, h, w, outH, outW);
}

export { checkImage };
