/**
 * A curve kept for a report: the N + 1 evenly spaced points of a perturbation curve resampled by
 * linear interpolation to at most `points` evenly spaced points over the same [0, 1] range, rounded
 * to 6 decimals. A 300x300 insertion curve has 901 points; 101 are plenty to draw it, and keep the
 * records of a 1,000-job run small.
 */
export const REPORT_CURVE_POINTS = 101;

export function coarseCurve(curve: ArrayLike<number>, points = REPORT_CURVE_POINTS): number[] {
  const kept = curve.length <= points ? Array.from(curve) : resampleCurve(curve, points);
  return kept.map((value) => Math.round(value * 1e6) / 1e6);
}

/** Exactly `points` evenly spaced values over [0, 1], by linear interpolation of an evenly spaced curve. */
export function resampleCurve(curve: ArrayLike<number>, points: number): number[] {
  const last = curve.length - 1;
  if (last < 1) throw new Error(`resampleCurve: need at least 2 points, got ${curve.length}`);
  const out: number[] = [];
  for (let j = 0; j < points; j++) {
    const at = (j * last) / (points - 1);
    const lo = Math.min(Math.floor(at), last);
    const hi = Math.min(lo + 1, last);
    out.push(curve[lo] + (curve[hi] - curve[lo]) * (at - lo));
  }
  return out;
}
