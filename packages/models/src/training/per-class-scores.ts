/** Apply a per-class score (AP, AUROC) to each column of an [n, K] score matrix and its 0/1 labels. */
export function perClassScores(
  scores: Float32Array,
  labels: Uint8Array,
  classes: number,
  score: (scores: Float64Array, labels: Uint8Array) => number,
): { perClass: number[]; mean: number } {
  const n = scores.length / classes;
  const perClass: number[] = [];
  for (let k = 0; k < classes; k++) {
    const s = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = scores[i * classes + k];
      y[i] = labels[i * classes + k];
    }
    perClass.push(score(s, y));
  }
  return { perClass, mean: nanMean(perClass) };
}

/** The mean over the classes where the score is defined (a class without positives gives NaN). */
export function nanMean(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}
