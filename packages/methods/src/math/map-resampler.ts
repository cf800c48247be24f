/**
 * Resampling of single-channel maps with its adjoint, so a mask optimised at one resolution can be
 * applied at another and its gradient pulled back. Every mode is separable "two taps per axis":
 * bilinear (align_corners false: OpenCV / F.interpolate; or true: nn.UpsamplingBilinear2d) and
 * nearest (floor(o * in / out), F.interpolate's 'nearest' and the Caffe MP code's resize).
 */
import { allocLike, type FloatArray } from './floats.js';

export type ResampleMode = 'bilinear' | 'bilinear-align-corners' | 'nearest';

interface Taps {
  lo: Int32Array;
  hi: Int32Array;
  weight: Float64Array;
}

function taps(inSize: number, outSize: number, mode: ResampleMode): Taps {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const weight = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    let source: number;
    if (mode === 'nearest') source = Math.floor((o * inSize) / outSize);
    else if (mode === 'bilinear-align-corners') source = outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0;
    else source = Math.max(0, ((o + 0.5) * inSize) / outSize - 0.5);
    const low = Math.min(Math.floor(source), inSize - 1);
    lo[o] = low;
    hi[o] = Math.min(low + 1, inSize - 1);
    weight[o] = mode === 'nearest' || low + 1 >= inSize ? 0 : source - low;
  }
  return { lo, hi, weight };
}

export class MapResampler {
  private readonly ys: Taps;
  private readonly xs: Taps;
  readonly identity: boolean;

  constructor(
    readonly inH: number,
    readonly inW: number,
    readonly outH: number,
    readonly outW: number,
    readonly mode: ResampleMode,
  ) {
    this.ys = taps(inH, outH, mode);
    this.xs = taps(inW, outW, mode);
    this.identity = inH === outH && inW === outW;
  }

  /** out[outH x outW] = resample(src[inH x inW]). */
  forward(src: FloatArray): FloatArray {
    if (this.identity) return src.slice();
    const { ys, xs, inH, inW, outH, outW } = this;
    const rows = new Float64Array(inH * outW);
    for (let y = 0; y < inH; y++) {
      for (let x = 0; x < outW; x++) {
        const a = src[y * inW + xs.lo[x]];
        rows[y * outW + x] = a + (src[y * inW + xs.hi[x]] - a) * xs.weight[x];
      }
    }
    const out = allocLike(src, outH * outW);
    for (let y = 0; y < outH; y++) {
      const top = ys.lo[y] * outW;
      const bottom = ys.hi[y] * outW;
      const t = ys.weight[y];
      for (let x = 0; x < outW; x++) out[y * outW + x] = rows[top + x] * (1 - t) + rows[bottom + x] * t;
    }
    return out;
  }

  /** The transpose: the gradient at the input resolution from one at the output resolution. */
  adjoint(gOut: FloatArray): FloatArray {
    if (this.identity) return gOut.slice();
    const { ys, xs, inH, inW, outH, outW } = this;
    const rows = new Float64Array(inH * outW);
    for (let y = 0; y < outH; y++) {
      const top = ys.lo[y] * outW;
      const bottom = ys.hi[y] * outW;
      const t = ys.weight[y];
      for (let x = 0; x < outW; x++) {
        const g = gOut[y * outW + x];
        rows[top + x] += g * (1 - t);
        rows[bottom + x] += g * t;
      }
    }
    const gIn = allocLike(gOut, inH * inW);
    for (let y = 0; y < inH; y++) {
      for (let x = 0; x < outW; x++) {
        const g = rows[y * outW + x];
        gIn[y * inW + xs.lo[x]] += g * (1 - xs.weight[x]);
        gIn[y * inW + xs.hi[x]] += g * xs.weight[x];
      }
    }
    return gIn;
  }
}
