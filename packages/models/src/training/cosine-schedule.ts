/** Cosine learning-rate decay (Loshchilov & Hutter, SGDR 2017, without restarts), per step:
 * lr(t) = lrMin + (lr - lrMin) (1 + cos(pi t / T)) / 2, after a linear warm-up of `warmup` steps. */
export function cosineLearningRate(step: number, totalSteps: number, lr: number, warmup = 0, lrMin = 0): number {
  if (step < warmup) return (lr * (step + 1)) / warmup;
  const span = Math.max(1, totalSteps - warmup);
  const t = Math.min(1, (step - warmup) / span);
  return lrMin + ((lr - lrMin) * (1 + Math.cos(Math.PI * t))) / 2;
}
