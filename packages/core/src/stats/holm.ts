/**
 * Holm's step-down correction (Holm, Scand. J. Statist. 1979): the i-th smallest of m p-values is
 * multiplied by m - i + 1, then made monotone, capped at 1. Controls the family-wise error rate.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, step) => {
    running = Math.max(running, Math.min(1, (m - step) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}
