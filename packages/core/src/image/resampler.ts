/**
 * Separable resampling of CHW planes with its exact adjoint (the transpose), so that a mask
 * optimised at one resolution can be applied at another and its gradient pulled back, and so that
 * images and maps are resized by the same code. Taps come from resample-taps.ts.
 *
 * Precision: 'float64' keeps the weights and the intermediate row pass in float64 and rounds once,
 * into the output's type (masks, whose gradients are checked by finite differences). 'float32'
 * stores the weights and the row pass as float32, so each pass rounds as a float32 image pipeline
 * does: resizeBilinear uses it, which keeps every image and map resize bit-identical to the
 * releases before the two resamplers were merged (the quick start's results with them).
 */
import { resampleTaps, type ResampleMode } from './resample-taps.js';

export type FloatArray = Float32Array | Float64Array;
export type ResamplePrecision = 'float32' | 'float64';

interface AxisTaps {
  lo: Int32Array;
  hi: Int32Array;
  weight: FloatArray;
}

function zerosLike<T extends FloatArray>(like: T, length: number): T {
  return (like instanceof Float64Array ? new Float64Array(length) : new Float32Array(length)) as T;
}

export class Resampler {
  private readonly ys: AxisTaps;
  private readonly xs: AxisTaps;
  /** True when the sizes match: forward and adjoint are copies. */
  readonly identity: boolean;

  constructor(
    readonly inH: number,
    readonly inW: number,
    readonly outH: number,
    readonly outW: number,
    readonly mode: ResampleMode = 'bilinear',
    readonly precision: ResamplePrecision = 'float64',
  ) {
    if (![inH, inW, outH, outW].every((n) => Number.isInteger(n) && n >= 1)) {
      throw new Error(`Resampler: sizes ${inH}x${inW} -> ${outH}x${outW} must be whole numbers of at least 1`);
    }
    const axis = (inSize: number, outSize: number): AxisTaps => {
      const taps = resampleTaps(inSize, outSize, mode);
      return precision === 'float32' ? { ...taps, weight: Float32Array.from(taps.weight) } : taps;
    };
    this.ys = axis(inH, outH);
    this.xs = axis(inW, outW);
    this.identity = inH === outH && inW === outW;
  }

  private rowBuffer(): FloatArray {
    const length = this.inH * this.outW;
    return this.precision === 'float32' ? new Float32Array(length) : new Float64Array(length);
  }

  private checkLength(values: FloatArray, planes: number, h: number, w: number, what: string): void {
    if (values.length !== planes * h * w) {
      throw new Error(`Resampler.${what}: expected ${planes}x${h}x${w} = ${planes * h * w} values, got ${values.length}`);
    }
  }

  /** out[planes x outH x outW] = resample(src[planes x inH x inW]): rows first, then columns. */
  forward<T extends FloatArray>(src: T, planes = 1): T {
    const { ys, xs, inH, inW, outH, outW } = this;
    this.checkLength(src, planes, inH, inW, 'forward');
    if (this.identity) return src.slice() as T;
    const rows = this.rowBuffer();
    const out = zerosLike(src, planes * outH * outW);
    for (let p = 0; p < planes; p++) {
      const plane = p * inH * inW;
      for (let y = 0; y < inH; y++) {
        const srcRow = plane + y * inW;
        for (let x = 0; x < outW; x++) {
          const a = src[srcRow + xs.lo[x]];
          rows[y * outW + x] = a + (src[srcRow + xs.hi[x]] - a) * xs.weight[x];
        }
      }
      const outPlane = p * outH * outW;
      for (let y = 0; y < outH; y++) {
        const top = ys.lo[y] * outW;
        const bottom = ys.hi[y] * outW;
        const t = ys.weight[y];
        for (let x = 0; x < outW; x++) out[outPlane + y * outW + x] = rows[top + x] * (1 - t) + rows[bottom + x] * t;
      }
    }
    return out;
  }

  /** The transpose of forward: the gradient at the input resolution from one at the output's. */
  adjoint<T extends FloatArray>(gOut: T, planes = 1): T {
    const { ys, xs, inH, inW, outH, outW } = this;
    this.checkLength(gOut, planes, outH, outW, 'adjoint');
    if (this.identity) return gOut.slice() as T;
    const rows = this.rowBuffer();
    const gIn = zerosLike(gOut, planes * inH * inW);
    for (let p = 0; p < planes; p++) {
      rows.fill(0);
      const outPlane = p * outH * outW;
      for (let y = 0; y < outH; y++) {
        const top = ys.lo[y] * outW;
        const bottom = ys.hi[y] * outW;
        const t = ys.weight[y];
        for (let x = 0; x < outW; x++) {
          const g = gOut[outPlane + y * outW + x];
          rows[top + x] += g * (1 - t);
          rows[bottom + x] += g * t;
        }
      }
      const plane = p * inH * inW;
      for (let y = 0; y < inH; y++) {
        for (let x = 0; x < outW; x++) {
          const g = rows[y * outW + x];
          gIn[plane + y * inW + xs.lo[x]] += g * (1 - xs.weight[x]);
          gIn[plane + y * inW + xs.hi[x]] += g * xs.weight[x];
        }
      }
    }
    return gIn;
  }
}
