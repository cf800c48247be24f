/**
 * Extremal Perturbation's smooth mask (Fong, Patrick, Vedaldi, ICCV 2019; TorchRay's
 * MaskGenerator): parameters on a grid of stride `step`; each output pixel u takes a smooth
 * maximum (softmax pooling with coldness 20) over the (2R+1)^2 nearby parameters, each damped by
 * k(|u - centre| / sigma) with k(z) = exp(-2 max(z - 1/2, 0)^2). The full mask has a margin of
 * sigma pixels on every side; the cropped mask is the input-sized window inside it.
 *
 * Speed: weights are stored pixel-major, and softmax terms more than 40/coldness below the
 * maximum are skipped (their weight is below e^-40 ~ 4e-18 of the largest term's, invisible even
 * in float64).
 */
import { allocLike, type FloatArray } from '../math/floats.js';

const NEGLIGIBLE = -40;

export class SmoothMaskGenerator {
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly margin: number;
  private readonly taps: number;
  /**
   * weight[((y % step) * step + x % step) * taps^2 + ky * taps + kx]: a tap's distance to its
   * parameter depends only on the pixel's position inside its grid cell, so one cell's table
   * serves the whole mask.
   */
  private readonly weight: Float32Array;
  /** Parameter row of (output row y, tap ky), -1 outside the grid; likewise for columns. */
  private readonly rowOf: Int32Array;
  private readonly colOf: Int32Array;

  constructor(
    readonly h: number,
    readonly w: number,
    readonly step = 7,
    readonly sigma = 21,
    readonly coldness = 20,
  ) {
    const radius = 1 + Math.ceil(sigma / step);
    const padding = 1 + Math.ceil((sigma + sigma) / step);
    const taps = (this.taps = 2 * radius + 1);
    this.inH = Math.ceil(h / step);
    this.inW = Math.ceil(w / step);
    // Unfolded grid (in + 2 padding - taps + 1), upsampled by `step`, less the last step - 1.
    this.outH = step * (this.inH + 2 * padding - taps + 1) - step + 1;
    this.outW = step * (this.inW + 2 * padding - taps + 1) - step + 1;
    this.margin = Math.round(sigma);
    const grid = (out: number, size: number) => {
      const centre = new Float64Array(out * taps);
      const index = new Int32Array(out * taps);
      for (let u = 0; u < out; u++) {
        for (let k = 0; k < taps; k++) {
          const p = Math.floor(u / step) + k - padding;
          centre[u * taps + k] = u - (sigma + step * p);
          index[u * taps + k] = p >= 0 && p < size ? p : -1;
        }
      }
      return { centre, index };
    };
    const rows = grid(this.outH, this.inH);
    const cols = grid(this.outW, this.inW);
    this.rowOf = rows.index;
    this.colOf = cols.index;
    const k2 = taps * taps;
    this.weight = new Float32Array(step * step * k2);
    for (let y = 0; y < step; y++) {
      for (let x = 0; x < step; x++) {
        const base = (y * step + x) * k2;
        for (let ky = 0; ky < taps; ky++) {
          const dy = rows.centre[y * taps + ky];
          for (let kx = 0; kx < taps; kx++) {
            const dx = cols.centre[x * taps + kx];
            const z = Math.max(Math.sqrt(dy * dy + dx * dx) / sigma - 0.5, 0);
            this.weight[base + ky * taps + kx] = Math.exp(-2 * z * z);
          }
        }
      }
    }
  }

  /** Offset of pixel (y, x)'s taps in the weight table. */
  private weightBase(y: number, x: number): number {
    const { step } = this;
    return ((y % step) * step + (x % step)) * this.taps * this.taps;
  }

  /**
   * Tap values v (0 outside the grid), softmax weights a, and the pooled value at (y, x);
   * `index` receives each tap's parameter index (-1 outside).
   */
  private pool(params: FloatArray, offset: number, y: number, x: number, v: Float64Array, a: Float64Array, index: Int32Array): number {
    const { taps, inW, weight, coldness } = this;
    const base = this.weightBase(y, x);
    let max = -Infinity;
    for (let ky = 0; ky < taps; ky++) {
      const py = this.rowOf[y * taps + ky];
      for (let kx = 0; kx < taps; kx++) {
        const px = this.colOf[x * taps + kx];
        const k = ky * taps + kx;
        const i = py >= 0 && px >= 0 ? py * inW + px : -1;
        index[k] = i;
        const value = i >= 0 ? weight[base + k] * params[offset + i] : 0;
        v[k] = value;
        if (value > max) max = value;
      }
    }
    // Taps reading 0 (outside the grid, or parameters clamped to 0) share one term.
    const zero = -coldness * max < NEGLIGIBLE ? 0 : Math.exp(-coldness * max);
    let sum = 0;
    let pooled = 0;
    for (let k = 0; k < v.length; k++) {
      const value = v[k];
      let e = zero;
      if (value !== 0) {
        const t = coldness * (value - max);
        e = t < NEGLIGIBLE ? 0 : Math.exp(t);
        pooled += e * value;
      }
      a[k] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let k = 0; k < v.length; k++) a[k] *= inv;
    return pooled * inv;
  }

  /** The full mask (outH x outW, clamped to [0, 1]) of the parameters at `offset`. */
  generate(params: FloatArray, offset = 0): FloatArray {
    const { taps, inW, outW, weight, coldness, rowOf, colOf } = this;
    const full = allocLike(params, this.outH * outW);
    const k2 = taps * taps;
    const v = new Float64Array(k2);
    for (let y = 0; y < this.outH; y++) {
      for (let x = 0; x < outW; x++) {
        // The same arithmetic as pool(), without the bookkeeping backward needs.
        const base = this.weightBase(y, x);
        let max = -Infinity;
        for (let ky = 0; ky < taps; ky++) {
          const py = rowOf[y * taps + ky];
          for (let kx = 0; kx < taps; kx++) {
            const px = colOf[x * taps + kx];
            const k = ky * taps + kx;
            const value = py >= 0 && px >= 0 ? weight[base + k] * params[offset + py * inW + px] : 0;
            v[k] = value;
            if (value > max) max = value;
          }
        }
        // Taps reading 0 (outside the grid, or parameters clamped to 0) share one term.
        const zero = -coldness * max < NEGLIGIBLE ? 0 : Math.exp(-coldness * max);
        let sum = 0;
        let pooled = 0;
        for (let k = 0; k < k2; k++) {
          const value = v[k];
          if (value === 0) {
            sum += zero;
            continue;
          }
          const t = coldness * (value - max);
          if (t < NEGLIGIBLE) continue;
          const e = Math.exp(t);
          sum += e;
          pooled += e * value;
        }
        const value = pooled / sum;
        full[y * outW + x] = value < 0 ? 0 : value > 1 ? 1 : value;
      }
    }
    return full;
  }

  /** The input-sized window of a full mask. */
  crop(full: FloatArray): FloatArray {
    const out = allocLike(full, this.h * this.w);
    for (let y = 0; y < this.h; y++) {
      const row = (y + this.margin) * this.outW + this.margin;
      out.set(full.subarray(row, row + this.w), y * this.w);
    }
    return out;
  }

  /** Adds d/dparams of sum(gFull * full) into gParams (at `offset`). */
  backward(params: FloatArray, gFull: FloatArray, gParams: FloatArray, offset = 0): void {
    const { taps, coldness, weight } = this;
    const k2 = taps * taps;
    const v = new Float64Array(k2);
    const a = new Float64Array(k2);
    const index = new Int32Array(k2);
    for (let y = 0; y < this.outH; y++) {
      for (let x = 0; x < this.outW; x++) {
        const g = gFull[y * this.outW + x];
        if (g === 0) continue;
        const pooled = this.pool(params, offset, y, x, v, a, index);
        // clamp(., 0, 1) passes gradient only inside [0, 1].
        if (pooled < 0 || pooled > 1) continue;
        const base = this.weightBase(y, x);
        for (let k = 0; k < k2; k++) {
          if (index[k] < 0 || a[k] === 0) continue;
          // d pooled / d v_k = a_k (1 + coldness (v_k - pooled)); d v_k / d param = weight_k.
          gParams[offset + index[k]] += g * a[k] * (1 + coldness * (v[k] - pooled)) * weight[base + k];
        }
      }
    }
  }
}
