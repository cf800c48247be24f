/**
 * RISE's random masks (Petsiuk et al., BMVC 2018) as TorchRay draws them: a cells x cells binary
 * grid (keep probability p), bilinearly upsampled to (cells + 1) * ceil(H / cells), then cropped
 * at a random shift in [0, cell) per axis.
 */
import { type Random, Resampler } from '@saliency-bench/core';

export class RiseMaskGenerator {
  private readonly cellH: number;
  private readonly cellW: number;
  private readonly upH: number;
  private readonly upW: number;
  private readonly upsampler: Resampler;

  constructor(
    private readonly cells: number,
    private readonly keep: number,
    private readonly h: number,
    private readonly w: number,
  ) {
    this.cellH = Math.ceil(h / cells);
    this.cellW = Math.ceil(w / cells);
    this.upH = (cells + 1) * this.cellH;
    this.upW = (cells + 1) * this.cellW;
    this.upsampler = new Resampler(cells, cells, this.upH, this.upW, 'bilinear');
  }

  /** `count` masks (count x H x W) drawn from `random`: grid first, then the two shifts. */
  next(random: Random, count: number): Float32Array {
    const { cells, h, w, upW } = this;
    const out = new Float32Array(count * h * w);
    for (let m = 0; m < count; m++) {
      const grid = new Float32Array(cells * cells);
      for (let i = 0; i < grid.length; i++) grid[i] = random.uniform() < this.keep ? 1 : 0;
      const shiftY = Math.floor(random.uniform() * this.cellH);
      const shiftX = Math.floor(random.uniform() * this.cellW);
      const up = this.upsampler.forward(grid);
      for (let y = 0; y < h; y++) {
        const row = (y + shiftY) * upW + shiftX;
        out.set(up.subarray(row, row + w), m * h * w + y * w);
      }
    }
    return out;
  }
}
