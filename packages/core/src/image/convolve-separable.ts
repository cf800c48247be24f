/**
 * Separable convolution of CHW images with a symmetric 1-D kernel applied along rows, then columns.
 * Borders: 'reflect101' (OpenCV's default, -1 -> 1) or 'zero' (PyTorch conv2d with zero padding).
 */
import { reflect101 } from './border.js';
import { checkImage } from './resize.js';

export type ConvolutionBorder = 'reflect101' | 'zero';

/** Source index of each padded position, or -1 for a zero outside the image. */
function paddedIndices(n: number, radius: number, border: ConvolutionBorder): Int32Array {
  const indices = new Int32Array(n + 2 * radius);
  for (let i = 0; i < indices.length; i++) {
    const j = i - radius;
    indices[i] = border === 'zero' ? (j >= 0 && j < n ? j : -1) : reflect101(j, n);
  }
  return indices;
}

export function convolveSeparable(
  src: Float32Array,
  channels: number,
  h: number,
  w: number,
  kernel: ArrayLike<number>,
  border: ConvolutionBorder,
): Float32Array {
  checkImage(src, channels, h, w, 'convolveSeparable');
  const size = kernel.length;
  if (size % 2 === 0) throw new Error(`convolveSeparable: the kernel needs an odd length, got ${size}`);
  const radius = (size - 1) / 2;
  const padded = new Float64Array(w + 2 * radius);
  const rows = new Float64Array(h * w);
  const acc = new Float64Array(w);
  const out = new Float32Array(src.length);
  const rowOf = paddedIndices(h, radius, border);
  const colOf = paddedIndices(w, radius, border);
  for (let c = 0; c < channels; c++) {
    const plane = c * h * w;
    // Horizontal pass through a padded copy of each row, so the inner loop has no branches.
    for (let y = 0; y < h; y++) {
      const row = plane + y * w;
      for (let i = 0; i < padded.length; i++) padded[i] = colOf[i] < 0 ? 0 : src[row + colOf[i]];
      for (let x = 0; x < w; x++) {
        let sum = 0;
        for (let k = 0; k < size; k++) sum += kernel[k] * padded[x + k];
        rows[y * w + x] = sum;
      }
    }
    // Vertical pass row by row (cache friendly): out row y = sum_k kernel[k] * rows[row(y + k - r)].
    for (let y = 0; y < h; y++) {
      acc.fill(0);
      for (let k = 0; k < size; k++) {
        if (rowOf[y + k] < 0) continue;
        const source = rowOf[y + k] * w;
        const weight = kernel[k];
        for (let x = 0; x < w; x++) acc[x] += weight * rows[source + x];
      }
      out.set(acc, plane + y * w);
    }
  }
  return out;
}
