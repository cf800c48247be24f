/**
 * Average precision of one class: the area under the precision-recall curve as a step function,
 * AP = sum over distinct score thresholds t of (R(t) - R(t_prev)) * P(t), ranking by descending
 * score. Without ties this is the mean, over the positives, of the precision at each positive's
 * rank (the standard definition; tied scores enter together, as in scikit-learn).
 */
import { perClassScores } from './per-class-scores.js';

export function averagePrecision(scores: ArrayLike<number>, positives: ArrayLike<boolean | number>): number {
  const n = scores.length;
  if (positives.length !== n) throw new Error(`averagePrecision: ${n} scores but ${positives.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let totalPositives = 0;
  for (let i = 0; i < n; i++) if (positives[i]) totalPositives++;
  if (totalPositives === 0) return Number.NaN;
  let ap = 0;
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  for (let k = 0; k < n; ) {
    // Take every sample tied at this score as one threshold step.
    const score = scores[order[k]];
    while (k < n && scores[order[k]] === score) {
      if (positives[order[k]]) truePositives++;
      seen++;
      k++;
    }
    const recall = truePositives / totalPositives;
    ap += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
  }
  return ap;
}

/** Per-class AP over an [n, K] score matrix and an [n, K] 0/1 label matrix, plus their mean over
 * the classes that have at least one positive. */
export function meanAveragePrecision(scores: Float32Array, labels: Uint8Array, classes: number) {
  return perClassScores(scores, labels, classes, averagePrecision);
}
