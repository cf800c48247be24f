/**
 * Extremal Perturbation's smooth mask (Fong, Patrick, Vedaldi, ICCV 2019; TorchRay's
 * MaskGenerator): parameters on a grid of stride `step`; each output pixel u takes a smooth
 * maximum (softmax pooling with coldness 20) over the (2R+1)^2 nearby parameters, each damped by
 * k(|u - centre| / sigma) with k(z) = exp(-2 max(z - 1/2, 0)^2). The full mask has a margin of
 * sigma pixels on every side; the cropped mask is the input-sized window inside it.
 */
import { allocLike, type FloatArray } from '../math/floats.js';

export class SmoothMaskGenerator {
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly margin: number;
  private readonly padding: number;
  private readonly taps: number;
  /** weight[(k * outH + y) * outW + x] for tap k = ky * taps + kx. */
  private readonly weight: Float32Array;

  constructor(
    readonly h: number,
    readonly w: number,
    readonly step = 7,
    readonly sigma = 21,
    readonly coldness = 20,
  ) {
    const radius = 1 + Math.ceil(sigma / step);
    this.padding = 1 + Math.ceil((sigma + sigma) / step);
    this.taps = 2 * radius + 1;
    this.inH = Math.ceil(h / step);
    this.inW = Math.ceil(w / step);
    // Unfolded grid (in + 2 padding - taps + 1), upsampled by `step`, less the last step - 1.
    this.outH = step * (this.inH + 2 * this.padding - this.taps + 1) - step + 1;
    this.outW = step * (this.inW + 2 * this.padding - this.taps + 1) - step + 1;
    this.margin = Math.round(sigma);
    this.weight = new Float32Array(this.taps * this.taps * this.outH * this.outW);
    for (let ky = 0; ky < this.taps; ky++) {
      for (let kx = 0; kx < this.taps; kx++) {
        const k = ky * this.taps + kx;
        for (let y = 0; y < this.outH; y++) {
          const dy = y - (sigma + step * this.paramY(y, ky));
          for (let x = 0; x < this.outW; x++) {
            const dx = x - (sigma + step * this.paramX(x, kx));
            const z = Math.max(Math.sqrt(dy * dy + dx * dx) / sigma - 0.5, 0);
            this.weight[(k * this.outH + y) * this.outW + x] = Math.exp(-2 * z * z);
          }
        }
      }
    }
  }

  private paramY(y: number, ky: number): number {
    return Math.floor(y / this.step) + ky - this.padding;
  }

  private paramX(x: number, kx: number): number {
    return Math.floor(x / this.step) + kx - this.padding;
  }

  /** Tap values v_k = weight_k * param (0 outside the grid) at output pixel (y, x). */
  private values(params: FloatArray, offset: number, y: number, x: number, v: Float64Array): void {
    const { taps, inH, inW, outH, outW } = this;
    for (let ky = 0; ky < taps; ky++) {
      const py = this.paramY(y, ky);
      for (let kx = 0; kx < taps; kx++) {
        const px = this.paramX(x, kx);
        const k = ky * taps + kx;
        const p = py >= 0 && py < inH && px >= 0 && px < inW ? params[offset + py * inW + px] : 0;
        v[k] = this.weight[(k * outH + y) * outW + x] * p;
      }
    }
  }

  /** Smooth max of v (softmax pooling) and the softmax weights in a. */
  private pool(v: Float64Array, a: Float64Array): number {
    let max = -Infinity;
    for (let k = 0; k < v.length; k++) max = Math.max(max, v[k]);
    let sum = 0;
    for (let k = 0; k < v.length; k++) sum += a[k] = Math.exp(this.coldness * (v[k] - max));
    let pooled = 0;
    for (let k = 0; k < v.length; k++) pooled += v[k] * (a[k] /= sum);
    return pooled;
  }

  private pooled(params: FloatArray, offset: number, y: number, x: number, v: Float64Array, a: Float64Array): number {
    this.values(params, offset, y, x, v);
    return this.pool(v, a);
  }

  /** The full mask (outH x outW, clamped to [0, 1]) of the parameters at `offset`. */
  generate(params: FloatArray, offset = 0): FloatArray {
    const full = allocLike(params, this.outH * this.outW);
    const v = new Float64Array(this.taps * this.taps);
    const a = new Float64Array(v.length);
    for (let y = 0; y < this.outH; y++) {
      for (let x = 0; x < this.outW; x++) full[y * this.outW + x] = Math.min(1, Math.max(0, this.pooled(params, offset, y, x, v, a)));
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
    const { taps, inH, inW, outH, outW, coldness } = this;
    const v = new Float64Array(taps * taps);
    const a = new Float64Array(v.length);
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const g = gFull[y * outW + x];
        if (g === 0) continue;
        this.values(params, offset, y, x, v);
        const pooled = this.pool(v, a);
        // clamp(., 0, 1) passes gradient only inside [0, 1].
        if (pooled < 0 || pooled > 1) continue;
        for (let ky = 0; ky < taps; ky++) {
          const py = this.paramY(y, ky);
          if (py < 0 || py >= inH) continue;
          for (let kx = 0; kx < taps; kx++) {
            const px = this.paramX(x, kx);
            if (px < 0 || px >= inW) continue;
            const k = ky * taps + kx;
            // d pooled / d v_k = a_k (1 + coldness (v_k - pooled)); d v_k / d param = weight_k.
            const dv = a[k] * (1 + coldness * (v[k] - pooled));
            gParams[offset + py * inW + px] += g * dv * this.weight[(k * outH + y) * outW + x];
          }
        }
      }
    }
  }
}
