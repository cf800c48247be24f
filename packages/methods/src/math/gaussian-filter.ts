/**
 * Separable Gaussian filtering of CHW planes with an explicit adjoint (for gradients through a
 * blurred mask). Kernels follow TorchRay's imsmooth: taps -ceil(4 sigma)..ceil(4 sigma), weights
 * exp(-i^2 / (2 sigma^2)) normalised to sum 1; sigma 0 is the identity.
 */
import { allocLike, type FloatArray } from './floats.js';

export type FilterPadding = 'zero' | 'replicate';

export function gaussianTaps(sigma: number): Float64Array {
  if (!(sigma >= 0)) throw new Error(`gaussianTaps: sigma must be >= 0, got ${sigma}`);
  const radius = Math.ceil(4 * sigma);
  const taps = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    taps[i + radius] = sigma > 0 ? Math.exp(-(i * i) / (2 * sigma * sigma)) : 1;
    sum += taps[i + radius];
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum;
  return taps;
}

/** Source index of each (output position, tap) along an axis of length n; -1 reads a zero. */
function tapSources(n: number, taps: number, padding: FilterPadding): Int32Array {
  const radius = (taps - 1) / 2;
  const sources = new Int32Array(n * taps);
  for (let o = 0; o < n; o++) {
    for (let t = 0; t < taps; t++) {
      const p = o + t - radius;
      sources[o * taps + t] = p >= 0 && p < n ? p : padding === 'zero' ? -1 : p < 0 ? 0 : n - 1;
    }
  }
  return sources;
}

/**
 * One 1-D pass along an axis of length n with `stride` between neighbours, over lines starting
 * at `starts`. transpose=true applies the adjoint (scatter).
 */
function pass1d(
  src: FloatArray,
  out: FloatArray,
  taps: Float64Array,
  n: number,
  stride: number,
  starts: Int32Array,
  padding: FilterPadding,
  transpose: boolean,
): void {
  const count = taps.length;
  const sources = tapSources(n, count, padding);
  for (const start of starts) {
    for (let o = 0; o < n; o++) {
      const row = o * count;
      if (transpose) {
        const so = src[start + o * stride];
        for (let t = 0; t < count; t++) {
          const s = sources[row + t];
          if (s >= 0) out[start + s * stride] += taps[t] * so;
        }
      } else {
        let acc = 0;
        for (let t = 0; t < count; t++) {
          const s = sources[row + t];
          if (s >= 0) acc += taps[t] * src[start + s * stride];
        }
        out[start + o * stride] = acc;
      }
    }
  }
}

function lineStarts(channels: number, h: number, w: number, alongRows: boolean): Int32Array {
  const starts = new Int32Array(alongRows ? channels * h : channels * w);
  let i = 0;
  for (let c = 0; c < channels; c++) {
    if (alongRows) for (let y = 0; y < h; y++) starts[i++] = c * h * w + y * w;
    else for (let x = 0; x < w; x++) starts[i++] = c * h * w + x;
  }
  return starts;
}

/** Blur each of `channels` h x w planes: vertical pass, then horizontal (as imsmooth does). */
export function gaussianFilter(src: FloatArray, channels: number, h: number, w: number, sigma: number, padding: FilterPadding): FloatArray {
  const taps = gaussianTaps(sigma);
  if (taps.length === 1) return src.slice();
  const mid = allocLike(src, src.length);
  pass1d(src, mid, taps, h, w, lineStarts(channels, h, w, false), padding, false);
  const out = allocLike(src, src.length);
  pass1d(mid, out, taps, w, 1, lineStarts(channels, h, w, true), padding, false);
  return out;
}

/** The adjoint of gaussianFilter (equal to it for zero padding; not for replicate). */
export function gaussianFilterAdjoint(
  gOut: FloatArray,
  channels: number,
  h: number,
  w: number,
  sigma: number,
  padding: FilterPadding,
): FloatArray {
  const taps = gaussianTaps(sigma);
  if (taps.length === 1) return gOut.slice();
  const mid = allocLike(gOut, gOut.length);
  pass1d(gOut, mid, taps, w, 1, lineStarts(channels, h, w, true), padding, true);
  const gIn = allocLike(gOut, gOut.length);
  pass1d(mid, gIn, taps, h, w, lineStarts(channels, h, w, false), padding, true);
  return gIn;
}
