/**
 * The RP reference code's resize of the baseline's source: `cv2.resize(uint8 image, (300, 300))`,
 * i.e. INTER_LINEAR on 8-bit levels: bilinear without antialiasing, OpenCV's pixel mapping
 * (source = (dst + 0.5) * in/out - 0.5, clamped to the border pixels), rounded back to uint8.
 *
 * What this implements exactly: the [0, 1] input rounded to 8-bit levels, both passes in float64
 * on the levels, the result rounded half up to a level and returned as level / 255. OpenCV works
 * in fixed point (weights rounded to 1/2048), so on some pixels it lands one level (1/255) away.
 */
import { toUint8 } from './pil-bilinear-resize.js';

/**
 * Per output index: two source indices and the second one's weight, in float64. Not core's
 * resampleTaps: OpenCV multiplies by the precomputed scale in/out where core divides once, and on
 * 8-bit levels that difference decides which way a half-level tie rounds.
 */
function taps(inSize: number, outSize: number): { lo: Int32Array; hi: Int32Array; t: Float64Array } {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const t = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const source = (o + 0.5) * scale - 0.5;
    const floor = Math.floor(source);
    if (floor < 0) {
      lo[o] = hi[o] = 0;
    } else if (floor >= inSize - 1) {
      lo[o] = hi[o] = inSize - 1;
    } else {
      lo[o] = floor;
      hi[o] = floor + 1;
      t[o] = source - floor;
    }
  }
  return { lo, hi, t };
}

/** A CHW [0, 1] image resized to outH x outW as cv2.resize does on uint8 (values k / 255). */
export function resizeBilinearUint8(src: Float32Array, channels: number, h: number, w: number, outH: number, outW: number): Float32Array {
  if (src.length !== channels * h * w || !(outH >= 1 && outW >= 1)) {
    throw new Error(`resizeBilinearUint8: expected ${channels}x${h}x${w} values resized to at least 1x1, got ${src.length} values to ${outH}x${outW}`);
  }
  const levels = toUint8(src);
  const xs = taps(w, outW);
  const ys = taps(h, outH);
  const rows = new Float64Array(h * outW);
  const out = new Float32Array(channels * outH * outW);
  for (let c = 0; c < channels; c++) {
    const plane = c * h * w;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < outW; x++) {
        const a = levels[plane + y * w + xs.lo[x]];
        const b = levels[plane + y * w + xs.hi[x]];
        rows[y * outW + x] = a * (1 - xs.t[x]) + b * xs.t[x];
      }
    }
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const value = rows[ys.lo[y] * outW + x] * (1 - ys.t[y]) + rows[ys.hi[y] * outW + x] * ys.t[y];
        out[c * outH * outW + y * outW + x] = Math.min(255, Math.floor(value + 0.5)) / 255;
      }
    }
  }
  return out;
}
