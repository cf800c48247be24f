/**
 * Extremal Perturbation's blur perturbation (TorchRay's Perturbation): levels l = 0..L-1 of the
 * image blurred with sigma_l = maxBlur (1 - l / (L-1)) (zero padding, as imsmooth), so level 0 is
 * the most blurred and level L-1 the image itself. A mask value m in [0, 1] reads level m (L-1),
 * interpolating linearly between the two nearest levels.
 */
import type { FloatArray } from '../math/floats.js';
import { gaussianFilter } from '../math/gaussian-filter.js';

export class BlurPyramid {
  readonly levels: Float32Array[];

  constructor(
    x: Float32Array,
    readonly channels: number,
    readonly h: number,
    readonly w: number,
    levels = 8,
    maxBlur = 20,
  ) {
    this.levels = Array.from({ length: levels }, (_, l) =>
      Float32Array.from(gaussianFilter(x, channels, h, w, maxBlur * (1 - l / (levels - 1)), 'zero')),
    );
  }

  /** Writes the perturbed image for mask `m` (h x w) into out at `offset`. */
  apply(m: FloatArray, out: FloatArray, offset: number): void {
    const last = this.levels.length - 1;
    const plane = this.h * this.w;
    for (let i = 0; i < plane; i++) {
      const scaled = m[i] * last;
      const k = Math.min(Math.floor(scaled), last);
      const t = scaled - k;
      const lo = this.levels[k];
      const hi = this.levels[Math.min(k + 1, last)];
      for (let c = 0; c < this.channels; c++) {
        const j = c * plane + i;
        out[offset + j] = (1 - t) * lo[j] + t * hi[j];
      }
    }
  }

  /** d/dm of sum(gOut * apply(m)): (L-1) * sum_c gOut (level_{k+1} - level_k) (floor has no gradient). */
  applyGradient(m: FloatArray, gOut: FloatArray, offset: number, gMask: FloatArray, sign = 1): void {
    const last = this.levels.length - 1;
    const plane = this.h * this.w;
    for (let i = 0; i < plane; i++) {
      const k = Math.min(Math.floor(m[i] * last), last);
      const lo = this.levels[k];
      const hi = this.levels[Math.min(k + 1, last)];
      let acc = 0;
      for (let c = 0; c < this.channels; c++) {
        const j = c * plane + i;
        acc += gOut[offset + j] * (hi[j] - lo[j]);
      }
      gMask[i] += sign * last * acc;
    }
  }
}
