/** Central finite differences in float64, for checking analytic mask gradients. */
export async function centralDifference(
  f: (params: Float64Array) => Promise<number>,
  params: Float64Array,
  index: number,
  step = 1e-6,
): Promise<number> {
  const plus = params.slice();
  plus[index] += step;
  const minus = params.slice();
  minus[index] -= step;
  return ((await f(plus)) - (await f(minus))) / (2 * step);
}

/** A few well-spread indices of an array of length n. */
export function probeIndices(n: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.37) * n) / count));
}

/** Random mask values in [0.1, 0.9] (away from the clamp and |1 - m| kinks). */
export function interiorMask(n: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 0.1 + 0.8 * (state / 2147483648);
  });
}
