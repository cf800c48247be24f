/**
 * Extremal Perturbation's smooth mask (Fong, Patrick, Vedaldi, ICCV 2019; TorchRay's
 * MaskGenerator): parameters on a grid of stride `step`; each output pixel u takes a smooth
 * maximum (softmax pooling with coldness 20) over the (2R+1)^2 nearby parameters, each damped by
 * k(|u - centre| / sigma) with k(z) = exp(-2 max(z - 1/2, 0)^2). The full mask has a margin of
 * sigma pixels on every side; the cropped mask is the input-sized window inside it.
 *
 * Speed. A tap's damping depends only on the pixel's position inside its grid cell (its phase),
 * and all pixels of a cell read the same (2R+1)^2 parameters. The softmax is shifted by one
 * constant per mask, coldness x the largest parameter, instead of each pixel's maximum (the same
 * value up to rounding; the parameters live in [0, 1], so no term overflows or underflows), which
 * makes every term a function of (parameter, damping value) alone: exp(coldness k p - shift).
 * The dampings take a few hundred distinct values (461 for TorchRay's step 7, sigma 21), so a
 * mask needs at most (parameters) x (distinct dampings) exponentials, about 12x fewer than one
 * per pixel and tap, kept in tables laid out so that the loops read neighbouring parameters one
 * after the other. The float32 masks and gradients come out bit for bit as from the per-pixel
 * implementation this replaced (measured: docs/methods.md); the backward pass adds each
 * parameter's terms in that implementation's order for this reason.
 */
import { allocLike, type FloatArray } from '../math/floats.js';

/** A generated mask and what its backward pass reuses. */
export interface SmoothMask {
  /** The full mask, outH x outW, clamped to [0, 1]. */
  full: FloatArray;
  /** Per pixel: the softmax denominator and the weighted sum of values (pooled = weighted / total). */
  total: Float64Array;
  weighted: Float64Array;
}

export class SmoothMaskGenerator {
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly margin: number;
  private readonly taps: number;
  /** Phases of a cell: step^2. */
  private readonly phases: number;
  /** The distinct damping values (float32, as TorchRay's float32 weights). */
  private readonly damping: Float64Array;
  /** dampingOf[k * phases + phase]: index into `damping` of tap k (ky * taps + kx) at a phase ((y % step) * step + x % step). */
  private readonly dampingOf: Uint16Array;
  /** Parameter row of (cell row cy, tap ky) at [cy * taps + ky], -1 outside the grid. */
  private readonly rowOf: Int32Array;
  private readonly cellsY: number;
  private readonly cellsX: number;
  /** Grid rows (and columns) of padding before the first parameter. */
  private readonly padding: number;
  /** Row length of the padded grid the term tables cover. */
  private readonly paddedW: number;
  /** Term tables of the last `taps` padded grid rows, reused by every call (see fillRow). */
  private readonly terms: Float64Array;
  private readonly termValues: Float64Array;

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
    this.cellsY = Math.ceil(this.outH / step);
    this.cellsX = Math.ceil(this.outW / step);
    const cellIndex = (cells: number, size: number) => {
      const index = new Int32Array(cells * taps);
      for (let cell = 0; cell < cells; cell++) {
        for (let k = 0; k < taps; k++) {
          const p = cell + k - padding;
          index[cell * taps + k] = p >= 0 && p < size ? p : -1;
        }
      }
      return index;
    };
    this.rowOf = cellIndex(this.cellsY, this.inH);
    // Offset of a phase's pixel from tap k's parameter centre: phase - (sigma + step (k - padding)).
    const offset = (phase: number, k: number) => phase - (sigma + step * (k - padding));
    this.phases = step * step;
    const k2 = taps * taps;
    const values = new Map<number, number>();
    this.dampingOf = new Uint16Array(k2 * this.phases);
    for (let ky = 0; ky < taps; ky++) {
      for (let kx = 0; kx < taps; kx++) {
        for (let y = 0; y < step; y++) {
          for (let x = 0; x < step; x++) {
            const dy = offset(y, ky);
            const dx = offset(x, kx);
            const z = Math.max(Math.sqrt(dy * dy + dx * dx) / sigma - 0.5, 0);
            const value = Math.fround(Math.exp(-2 * z * z));
            if (!values.has(value)) values.set(value, values.size);
            this.dampingOf[(ky * taps + kx) * this.phases + y * step + x] = values.get(value)!;
          }
        }
      }
    }
    this.damping = Float64Array.from(values.keys());
    this.padding = padding;
    this.paddedW = this.inW + 2 * padding;
    this.terms = new Float64Array(this.damping.length * taps * this.paddedW);
    this.termValues = new Float64Array(this.terms.length);
  }

  /** The softmax shift of the parameters at `offset`: coldness x the largest parameter (at least 0). */
  private shiftOf(params: FloatArray, offset: number): number {
    let largest = 0;
    for (let i = 0; i < this.inH * this.inW; i++) if (params[offset + i] > largest) largest = params[offset + i];
    return this.coldness * largest;
  }

  /**
   * Fills padded grid row `r` (parameter row r - padding, or padding) of the term tables, which
   * hold the last `taps` rows (row r at r % taps), damping-major so that neighbouring parameters
   * sit side by side: terms[j * taps * W + (r % taps) * W + px + padding] = exp(coldness k_j p - shift)
   * and termValues[...] = that term x k_j p. Parameters at 0 and the padding get the 0-value term.
   */
  private fillRow(params: FloatArray, offset: number, r: number, shift: number): void {
    const { damping, coldness, inH, inW, padding, paddedW, taps, terms, termValues } = this;
    const py = r - padding;
    const zero = Math.exp(-shift);
    for (let j = 0; j < damping.length; j++) {
      const k = damping[j];
      const at = (j * taps + (r % taps)) * paddedW;
      terms.fill(zero, at, at + paddedW);
      termValues.fill(0, at, at + paddedW);
      if (py < 0 || py >= inH) continue;
      const one = Math.exp(coldness * k - shift);
      for (let px = 0; px < inW; px++) {
        const p = params[offset + py * inW + px];
        if (p === 0) continue;
        if (p === 1) {
          terms[at + padding + px] = one;
          termValues[at + padding + px] = one * k;
        } else {
          const value = k * p;
          const e = Math.exp(coldness * value - shift);
          terms[at + padding + px] = e;
          termValues[at + padding + px] = e * value;
        }
      }
    }
  }

  /** The mask of the parameters at `offset`, with the sums its backward pass reuses. */
  generate(params: FloatArray, offset = 0): SmoothMask {
    const { step, taps, phases, outH, outW, cellsX, paddedW, dampingOf } = this;
    const k2 = taps * taps;
    const plane = taps * paddedW;
    const pixels = outH * outW;
    const mask: SmoothMask = { full: allocLike(params, pixels), total: new Float64Array(pixels), weighted: new Float64Array(pixels) };
    const shift = this.shiftOf(params, offset);
    const { terms, termValues } = this;
    let filled = -1;
    // Per tap, at the pixel's phase: where cell (cy, 0)'s term sits; cell cx's is cx further on.
    const tapAt = new Int32Array(k2);
    for (let y = 0; y < outH; y++) {
      const cy = Math.floor(y / step);
      const fy = y - cy * step;
      // Cell row cy reads padded rows cy .. cy + taps - 1.
      while (filled < cy + taps - 1) this.fillRow(params, offset, ++filled, shift);
      for (let fx = 0; fx < step; fx++) {
        const phase = fy * step + fx;
        for (let ky = 0; ky < taps; ky++) {
          const rowAt = ((cy + ky) % taps) * paddedW;
          for (let kx = 0; kx < taps; kx++) tapAt[ky * taps + kx] = dampingOf[(ky * taps + kx) * phases + phase] * plane + rowAt + kx;
        }
        for (let cx = 0; cx < cellsX; cx++) {
          const x = cx * step + fx;
          if (x >= outW) break;
          let sum = 0;
          let pooled = 0;
          for (let t = 0; t < k2; t++) {
            const index = tapAt[t] + cx;
            sum += terms[index];
            pooled += termValues[index];
          }
          const pixel = y * outW + x;
          const value = pooled / sum;
          mask.total[pixel] = sum;
          mask.weighted[pixel] = pooled;
          mask.full[pixel] = value < 0 ? 0 : value > 1 ? 1 : value;
        }
      }
    }
    return mask;
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

  /**
   * Adds d/dparams of sum(gFull * mask.full) into gParams (at `offset`); `mask` is generate(params, offset).
   * Each parameter receives its terms one at a time in pixel order (row by row, left to right),
   * rounded to gParams' precision after each, as the per-pixel implementation this replaces did:
   * per pixel row and tap row, parameter by parameter, its tap columns from right to left (the
   * reading cells from left to right), phases left to right.
   */
  backward(params: FloatArray, mask: SmoothMask, gFull: FloatArray, gParams: FloatArray, offset = 0): void {
    const { step, taps, phases, inW, outH, outW, padding, paddedW, coldness, damping, dampingOf, rowOf } = this;
    const plane = taps * paddedW;
    const shift = this.shiftOf(params, offset);
    const { terms } = this;
    let filled = -1;
    const single = gParams instanceof Float32Array;
    // Per pixel of the row: g (0 where the clamp stops the gradient), 1 / total, pooled.
    const gRow = new Float64Array(outW);
    const invRow = new Float64Array(outW);
    const pooledRow = new Float64Array(outW);
    // Per (tap column, phase) slot in pixel order: the table row, the damping, and x - px * step.
    const slots = taps * step;
    const slotRow = new Int32Array(slots);
    const slotDamping = new Float64Array(slots);
    const slotX = new Int32Array(slots);
    for (let y = 0; y < outH; y++) {
      const cy = Math.floor(y / step);
      const fy = y - cy * step;
      while (filled < cy + taps - 1) this.fillRow(params, offset, ++filled, shift);
      for (let x = 0; x < outW; x++) {
        const pixel = y * outW + x;
        const inv = 1 / mask.total[pixel];
        const pooled = mask.weighted[pixel] * inv;
        // clamp(., 0, 1) passes gradient only inside [0, 1].
        gRow[x] = pooled < 0 || pooled > 1 ? 0 : gFull[pixel];
        invRow[x] = inv;
        pooledRow[x] = pooled;
      }
      for (let ky = 0; ky < taps; ky++) {
        const py = rowOf[cy * taps + ky];
        if (py < 0) continue;
        for (let kx = taps - 1, slot = 0; kx >= 0; kx--) {
          for (let fx = 0; fx < step; fx++, slot++) {
            const j = dampingOf[(ky * taps + kx) * phases + fy * step + fx];
            slotRow[slot] = j * plane + ((cy + ky) % taps) * paddedW + padding;
            slotDamping[slot] = damping[j];
            // Parameter px is read by cell px + padding - kx.
            slotX[slot] = (padding - kx) * step + fx;
          }
        }
        for (let px = 0; px < inW; px++) {
          const i = offset + py * inW + px;
          const p = params[i];
          let acc = gParams[i];
          for (let slot = 0; slot < slots; slot++) {
            const x = px * step + slotX[slot];
            if (x < 0 || x >= outW) continue;
            const g = gRow[x];
            if (g === 0) continue;
            const k = slotDamping[slot];
            // d pooled / d v = (term / total) (1 + coldness (v - pooled)); d v / d p = k.
            const next = acc + g * (terms[slotRow[slot] + px] * invRow[x]) * (1 + coldness * (k * p - pooledRow[x])) * k;
            acc = single ? Math.fround(next) : next;
          }
          gParams[i] = acc;
        }
      }
    }
  }
}
