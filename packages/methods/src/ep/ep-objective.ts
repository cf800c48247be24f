/**
 * Extremal Perturbation's energy for several jobs and areas in one batched model pass
 * (TorchRay extremal_perturbation): reward(model(perturb(mask_a))) + w * areaRegulariser(mask_a),
 * summed over areas; the returned loss is -energy and the gradient is d(-energy)/dparams.
 * Rows per (job, area): preserve -> perturb(m), delete -> perturb(1 - m), dual -> both.
 */
import { allocLike, type FloatArray } from '../math/floats.js';
import { rowsLoss } from '../common/head-loss.js';
import { extremalPerturbationHead } from './ep-head.js';
import type { DifferentiableModel } from '../common/differentiable-model.js';
import { areaRegulariser } from './area-regulariser.js';
import type { BlurPyramid } from './blur-pyramid.js';
import type { SmoothMaskGenerator } from './smooth-mask-generator.js';

export type EpVariant = 'preserve' | 'delete' | 'dual';

export interface EpJobData {
  pyramid: BlurPyramid;
  target: number;
}

export interface EpSettings {
  areas: readonly number[];
  variant: EpVariant;
  reward: 'simple' | 'contrastive';
  /** What the reward reads: the raw model output (TorchRay) or the probability. */
  score: 'logit' | 'probability';
}

export interface EpEvaluation {
  loss: number;
  gradient: FloatArray;
  /** Input-sized masks, one per area. */
  masks: FloatArray[];
}

export async function extremalPerturbationObjective(
  model: DifferentiableModel,
  jobs: readonly EpJobData[],
  params: readonly FloatArray[],
  settings: EpSettings,
  generator: SmoothMaskGenerator,
  regulWeight: number,
  flip: boolean,
): Promise<EpEvaluation[]> {
  const { h, w } = generator;
  const channels = jobs[0].pyramid.channels;
  const size = channels * h * w;
  const plane = generator.inH * generator.inW;
  const kinds: ('preserve' | 'delete')[] = settings.variant === 'dual' ? ['preserve', 'delete'] : [settings.variant];
  const rowsPerJob = settings.areas.length * kinds.length;
  const generated = params.map((p) => settings.areas.map((_, a) => generator.generate(p, a * plane)));
  const cropped = generated.map((masks) => masks.map((m) => generator.crop(m.full)));
  const inverse = cropped.map((masks) => masks.map((m) => m.map((v) => 1 - v)));
  const batch = allocLike(params[0], jobs.length * rowsPerJob * size);
  const rowOf = (j: number, a: number, kind: number) => (j * settings.areas.length + a) * kinds.length + kind;
  jobs.forEach((job, j) =>
    settings.areas.forEach((_, a) =>
      kinds.forEach((kind, i) => job.pyramid.apply(kind === 'preserve' ? cropped[j][a] : inverse[j][a], batch, rowOf(j, a, i) * size)),
    ),
  );
  if (flip) flipRows(batch, jobs.length * rowsPerJob, channels, h, w);

  // Loss = -energy: preserve rows add -score, delete rows +score.
  const rows = jobs.flatMap((job) => settings.areas.flatMap(() => kinds.map((kind) => ({ target: job.target, sign: kind === 'preserve' ? 1 : -1 }))));
  const { gInput, parts } = await model.lossGradient(batch, rows.length, extremalPerturbationHead(rows, model.classes, settings));
  const rewards = jobs.map((_, j) => -rowsLoss(parts, j * rowsPerJob, rowsPerJob));
  const gRows = flip ? flipRows(gInput.slice(), jobs.length * rowsPerJob, channels, h, w) : gInput;

  return jobs.map((job, j) => {
    const gradient = allocLike(params[0], params[j].length);
    let regul = 0;
    settings.areas.forEach((area, a) => {
      const gCropped = allocLike(params[0], h * w);
      kinds.forEach((kind, i) => {
        const offset = rowOf(j, a, i) * size;
        if (kind === 'preserve') job.pyramid.applyGradient(cropped[j][a], gRows, offset, gCropped, 1);
        else job.pyramid.applyGradient(inverse[j][a], gRows, offset, gCropped, -1);
      });
      const gFull = allocLike(params[0], generator.outH * generator.outW);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) gFull[(y + generator.margin) * generator.outW + x + generator.margin] += gCropped[y * w + x];
      }
      regul += regulWeight * areaRegulariser(generated[j][a].full, area, -regulWeight, gFull);
      generator.backward(params[j], generated[j][a], gFull, gradient, a * plane);
    });
    return { loss: -(rewards[j] + regul), gradient, masks: cropped[j] };
  });
}

/** Mirror every row left-right in place (TorchRay's jitter on even iterations); returns rows. */
export function flipRows(rows: FloatArray, n: number, channels: number, h: number, w: number): FloatArray {
  for (let r = 0; r < n * channels * h; r++) {
    const start = r * w;
    for (let x = 0; x < w >> 1; x++) {
      const t = rows[start + x];
      rows[start + x] = rows[start + w - 1 - x];
      rows[start + w - 1 - x] = t;
    }
  }
  return rows;
}
