/**
 * The deletion game (Fong & Vedaldi, ICCV 2017) in its plainest form, for several jobs in one
 * model call: minimise p_t(x*m + b*(1-m)) + l1Weight * mean|1 - m| over a mask m at the model's
 * resolution, b the mean colour (0 after the model's normalisation).
 */
import type { DifferentiableModel } from '../../src/common/differentiable-model.js';
import { rowsLoss } from '../../src/common/head-loss.js';
import { allocLike, sign, type FloatArray } from '../../src/math/floats.js';

export interface DeletionJob {
  /** Model-normalised image and baseline, CHW. */
  x: Float32Array;
  baseline: Float32Array;
  target: number;
}

export async function deletionGameObjective(
  engine: DifferentiableModel,
  jobs: readonly DeletionJob[],
  masks: readonly FloatArray[],
  l1Weight: number,
): Promise<{ loss: number; gradient: FloatArray }[]> {
  const size = jobs[0].x.length;
  const plane = masks[0].length;
  const classes = engine.classes;
  const batch = allocLike(masks[0], jobs.length * size);
  jobs.forEach((job, j) => {
    for (let i = 0; i < size; i++) batch[j * size + i] = job.x[i] * masks[j][i % plane] + job.baseline[i] * (1 - masks[j][i % plane]);
  });
  // The loss head (core's LossHead): the target's probability, weight 1; one engine call.
  const head = new Float64Array(jobs.length * classes);
  jobs.forEach((job, j) => (head[j * classes + job.target] = 1));
  const { gInput, parts } = await engine.lossGradient(batch, jobs.length, { probability: head });
  return jobs.map((job, j) => {
    const gradient = allocLike(masks[0], plane);
    for (let i = 0; i < size; i++) gradient[i % plane] += gInput[j * size + i] * (job.x[i] - job.baseline[i]);
    let l1 = 0;
    for (let p = 0; p < plane; p++) {
      l1 += Math.abs(1 - masks[j][p]);
      gradient[p] += (l1Weight * sign(masks[j][p] - 1)) / plane;
    }
    return { loss: rowsLoss(parts, j, 1) + (l1Weight * l1) / plane, gradient };
  });
}
