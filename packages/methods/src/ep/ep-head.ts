/**
 * Extremal Perturbation's reward as a loss head (core's LossHead). Each row's loss is
 * -sign * score with sign +1 for preserve rows and -1 for delete rows (the energy is maximised),
 * score = v_t (simple) or v_t - max_{k != t} v_k (contrastive), v the logits or probabilities.
 */
import type { LossHead } from '@saliency-bench/core';
import type { EpSettings } from './ep-objective.js';

/** `rows[r]` names row r's target class and sign. */
export function extremalPerturbationHead(rows: readonly { target: number; sign: number }[], classes: number, settings: EpSettings): LossHead {
  const n = rows.length;
  const onTarget = new Float64Array(n * classes);
  const onMax = new Float64Array(n);
  const candidates = new Float64Array(n * classes);
  rows.forEach(({ target, sign }, r) => {
    onTarget[r * classes + target] = -sign;
    if (settings.reward !== 'contrastive') return;
    onMax[r] = sign;
    for (let k = 0; k < classes; k++) candidates[r * classes + k] = k === target ? 0 : 1;
  });
  return settings.score === 'logit'
    ? { logit: onTarget, maxLogit: onMax, candidates }
    : { probability: onTarget, maxProbability: onMax, candidates };
}
