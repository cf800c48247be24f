/**
 * PIL's `Image.resize(size, BILINEAR)` on an 8-bit RGB image, which is what torchvision's
 * `transforms.Resize((300, 300))` does to a PIL image (the RP reference code's input).
 *
 * Written from Pillow's libImaging/Resample.c: a separable triangle filter whose support grows
 * with the scale when shrinking (so downscaling averages every source pixel: antialiasing),
 * weights normalised per output pixel, then turned into 22-bit fixed point; the horizontal pass
 * runs first and rounds to uint8, then the vertical pass. Our [0, 1] floats are rounded to uint8
 * first (as a decoded JPEG is), and the result is returned as uint8 / 255.
 */
const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);

/** Per output pixel: the first source pixel, how many it reads, and their fixed-point weights. */
interface PilTaps {
  first: Int32Array;
  count: Int32Array;
  /** `ksize` weights per output pixel. */
  weights: Float64Array;
  ksize: number;
}

const triangle = (x: number) => (Math.abs(x) < 1 ? 1 - Math.abs(x) : 0);

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for the bilinear filter (support 1). */
export function pilBilinearTaps(inSize: number, outSize: number): PilTaps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * ksize);
  const raw = new Float64Array(ksize);
  // Pillow multiplies by the reciprocal (not a division): kept for bit-equal weights.
  const inverseScale = 1 / filterScale;
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    // C's (int) cast truncates toward zero.
    const lo = Math.max(0, Math.trunc(center - support + 0.5));
    const hi = Math.min(inSize, Math.trunc(center + support + 0.5));
    let total = 0;
    for (let k = 0; k < hi - lo; k++) {
      raw[k] = triangle((k + lo - center + 0.5) * inverseScale);
      total += raw[k];
    }
    for (let k = 0; k < hi - lo; k++) {
      const w = total !== 0 ? raw[k] / total : raw[k];
      weights[o * ksize + k] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
    }
    first[o] = lo;
    count[o] = hi - lo;
  }
  return { first, count, weights, ksize };
}

/** Pillow's clip8: the fixed-point sum (with its rounding half already added) to 0..255. */
function clip8(sum: number): number {
  if (sum >= ONE * 256) return 255;
  if (sum <= 0) return 0;
  return Math.floor(sum / ONE);
}

/** One pass along the last axis of a [rows, inLength] uint8 array. */
function resampleRows(src: Uint8Array, rows: number, inLength: number, taps: PilTaps, outLength: number): Uint8Array {
  const out = new Uint8Array(rows * outLength);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outLength; o++) {
      let sum = HALF;
      const base = r * inLength + taps.first[o];
      for (let k = 0; k < taps.count[o]; k++) sum += src[base + k] * taps.weights[o * taps.ksize + k];
      out[r * outLength + o] = clip8(sum);
    }
  }
  return out;
}

/** [h, w] -> [w, h] */
function transpose(src: Uint8Array, h: number, w: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + y] = src[y * w + x];
  return out;
}

/** Rounds [0, 1] values to 8-bit levels, as saving and decoding an 8-bit image would. */
export function toUint8(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.min(255, Math.max(0, Math.round(values[i] * 255)));
  return out;
}

/** Resizes one uint8 plane as Pillow does: horizontal pass, then vertical; a pass whose size is unchanged is skipped. */
export function pilResizePlane(plane: Uint8Array, h: number, w: number, outH: number, outW: number): Uint8Array {
  let current = plane;
  if (outW !== w) current = resampleRows(current, h, w, pilBilinearTaps(w, outW), outW);
  if (outH !== h) current = transpose(resampleRows(transpose(current, h, outW), outW, h, pilBilinearTaps(h, outH), outH), outW, outH);
  return current;
}

/** A CHW [0, 1] image resized to outH x outW with PIL's 8-bit bilinear resampling; values are k / 255. */
export function resizePilBilinear(src: Float32Array, channels: number, h: number, w: number, outH: number, outW: number): Float32Array {
  if (src.length !== channels * h * w || !(outH >= 1 && outW >= 1)) {
    throw new Error(`resizePilBilinear: expected ${channels}x${h}x${w} values resized to at least 1x1, got ${src.length} values to ${outH}x${outW}`);
  }
  const levels = toUint8(src);
  const out = new Float32Array(channels * outH * outW);
  for (let c = 0; c < channels; c++) {
    const resized = pilResizePlane(levels.subarray(c * h * w, (c + 1) * h * w), h, w, outH, outW);
    for (let i = 0; i < resized.length; i++) out[c * outH * outW + i] = resized[i] / 255;
  }
  return out;
}
