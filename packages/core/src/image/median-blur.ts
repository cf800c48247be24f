/**
 * Median filter of CHW float images with OpenCV medianBlur semantics (square kernel, exact median,
 * BORDER_REPLICATE). A sorted window slides along each row: per step one sorted column leaves and
 * one enters, in a single merge pass, so an 11x11 window costs ~k^2 simple steps per pixel.
 */
import { replicate } from './border.js';
import { checkImage } from './resize.js';

/** Sort the k vertical values of each (padded) column for the output row y: columns[x*k .. x*k+k). */
function sortedColumns(
  src: Float32Array,
  plane: number,
  h: number,
  w: number,
  y: number,
  k: number,
  columns: Float32Array,
): void {
  const radius = (k - 1) / 2;
  const paddedWidth = w + 2 * radius;
  for (let px = 0; px < paddedWidth; px++) {
    const x = replicate(px - radius, w);
    const base = px * k;
    for (let i = 0; i < k; i++) {
      // Insertion sort while gathering: k is small (<= ~31 in practice).
      const value = src[plane + replicate(y - radius + i, h) * w + x];
      let j = base + i;
      while (j > base && columns[j - 1] > value) {
        columns[j] = columns[j - 1];
        j--;
      }
      columns[j] = value;
    }
  }
}

/**
 * Merge window[0..n) minus the sorted column at `leaving` (`leavingCount` values, 0 or k) plus the
 * sorted column at `entering` (k values) into out.
 */
function slide(
  window: Float32Array,
  n: number,
  columns: Float32Array,
  leaving: number,
  leavingCount: number,
  entering: number,
  k: number,
  out: Float32Array,
): void {
  let i = 0;
  let l = 0;
  let e = 0;
  let o = 0;
  while (i < n) {
    const value = window[i];
    if (l < leavingCount && columns[leaving + l] === value) {
      l++;
      i++;
      continue;
    }
    while (e < k && columns[entering + e] < value) out[o++] = columns[entering + e++];
    out[o++] = value;
    i++;
  }
  while (e < k) out[o++] = columns[entering + e++];
}

export function medianBlur(src: Float32Array, channels: number, h: number, w: number, kernelSize: number): Float32Array {
  checkImage(src, channels, h, w, 'medianBlur');
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0) {
    throw new Error(`medianBlur: kernelSize must be a positive odd integer, got ${kernelSize}`);
  }
  const k = kernelSize;
  const n = k * k;
  const middle = (n - 1) / 2;
  const radius = (k - 1) / 2;
  const columns = new Float32Array((w + 2 * radius) * k);
  let window = new Float32Array(n);
  let next = new Float32Array(n);
  const out = new Float32Array(src.length);
  for (let c = 0; c < channels; c++) {
    const plane = c * h * w;
    for (let y = 0; y < h; y++) {
      sortedColumns(src, plane, h, w, y, k, columns);
      // First window of the row: the first k columns, merged one column at a time.
      window.set(columns.subarray(0, k));
      for (let col = 1; col < k; col++) {
        const size = col * k;
        slide(window, size, columns, 0, 0, col * k, k, next);
        [window, next] = [next, window];
      }
      out[plane + y * w] = window[middle];
      for (let x = 1; x < w; x++) {
        slide(window, n, columns, (x - 1) * k, k, (x - 1 + k) * k, k, next);
        [window, next] = [next, window];
        out[plane + y * w + x] = window[middle];
      }
    }
  }
  return out;
}
