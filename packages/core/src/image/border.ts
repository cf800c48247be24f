/** Border index rules for filters that read outside the image. */

/** OpenCV BORDER_REFLECT_101 (PyTorch/NumPy 'reflect'): -1 -> 1, n -> n - 2. */
export function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

/** OpenCV BORDER_REPLICATE: clamp to the nearest edge pixel. */
export function replicate(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}
