/**
 * Robust Perturbation's loss on its two branches as a loss head (core's LossHead): rows 2j
 * (perturbed) and 2j + 1 (preserved) of job j, with p the clean probabilities,
 *   -BD(p_t, prt_t) + BD(p_nt, prt_nt) + BD(p_t, psv_t) + mean(log2(|psv_nt| + 1)),
 * each BD a weighted divergence term (weight 1/|nt| for the means over the other classes) and the
 * last one a divergence from 0.
 */
import type { LossHead } from '@saliency-bench/core';

export function robustPerturbationHead(jobs: readonly { clean: Float64Array; target: number }[], classes: number): LossHead {
  const rows = 2 * jobs.length;
  const divergence = new Float64Array(rows * classes);
  const reference = new Float64Array(rows * classes);
  const other = classes > 1 ? 1 / (classes - 1) : 0;
  jobs.forEach((job, j) => {
    const prt = 2 * j * classes;
    const psv = prt + classes;
    for (let k = 0; k < classes; k++) {
      const target = k === job.target;
      divergence[prt + k] = target ? -1 : other;
      divergence[psv + k] = target ? 1 : other;
      reference[prt + k] = job.clean[k];
      reference[psv + k] = target ? job.clean[k] : 0;
    }
  });
  return { divergence, reference };
}
