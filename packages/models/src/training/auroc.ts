/**
 * Area under the ROC curve as the Mann-Whitney statistic: the fraction of (positive, negative)
 * pairs in which the positive scores higher, ties counted half. Computed from average ranks,
 * AUC = (R+ - P(P+1)/2) / (P N), where R+ is the positives' rank sum.
 */
import { perClassScores } from './per-class-scores.js';

export function auroc(scores: ArrayLike<number>, positives: ArrayLike<boolean | number>): number {
  const n = scores.length;
  if (positives.length !== n) throw new Error(`auroc: ${n} scores but ${positives.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let p = 0;
  for (let k = 0; k < n; ) {
    let end = k;
    while (end < n && scores[order[end]] === scores[order[k]]) end++;
    // Ranks k+1..end share their average.
    const averageRank = (k + 1 + end) / 2;
    for (let j = k; j < end; j++) {
      if (positives[order[j]]) {
        rankSum += averageRank;
        p++;
      }
    }
    k = end;
  }
  const negatives = n - p;
  if (p === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (p * (p + 1)) / 2) / (p * negatives);
}

/** Per-class AUROC over [n, K] scores and 0/1 labels, and the mean over classes where it is defined. */
export function perClassAuroc(scores: Float32Array, labels: Uint8Array, classes: number) {
  return perClassScores(scores, labels, classes, auroc);
}
