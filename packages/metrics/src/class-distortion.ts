/**
 * Class distortion score (Kim et al., Robust Perturbation, IEEE TIP 2021): how much more the
 * perturbation changed the target class than the other classes, from the probabilities that the
 * method reports (clean p, perturbed prt, preserved psv):
 *   KL(p||q) = p ln((p+e)/(q+e)) + (1-p) ln((1-p+e)/(1-q+e)), e = 1e-7 (binary KL per class),
 *   CDS = ln((KL_t + 1e-7) / (KL_nt + 1e-7) + 1), KL_nt the mean over the non-target classes.
 */
import { defineMetric, doneRecord, failedRecord, skippedRecord, stringEnum } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';

const classDistortionSchema = Type.Object(
  {
    branch: stringEnum(['perturbed', 'preserved'], {
      description: "Which final probabilities to compare with the clean ones: 'perturbed' (CDS, default) or 'preserved' (the reverse score).",
    }),
  },
  { additionalProperties: false },
);

export type ClassDistortionOptions = Static<typeof classDistortionSchema>;

const EPSILON = 1e-7;

export function binaryKl(p: number, q: number): number {
  return p * Math.log((p + EPSILON) / (q + EPSILON)) + (1 - p) * Math.log((1 - p + EPSILON) / (1 - q + EPSILON));
}

/** CDS of clean probabilities p against perturbed (or preserved) probabilities q, target class t. */
export function classDistortionScore(p: ArrayLike<number>, q: ArrayLike<number>, target: number): number {
  let others = 0;
  for (let k = 0; k < p.length; k++) if (k !== target) others += binaryKl(p[k], q[k]);
  const nonTarget = p.length > 1 ? others / (p.length - 1) : 0;
  return Math.log((binaryKl(p[target], q[target]) + EPSILON) / (nonTarget + EPSILON) + 1);
}

export const classDistortionPlugin = defineMetric<ClassDistortionOptions>({
  name: 'class-distortion',
  version: '1',
  description: 'Class distortion score (Robust Perturbation paper) from the probabilities a method reports.',
  needsModel: false,
  requires: ['probs'],
  higherIsBetter: true,
  schema: classDistortionSchema,
  defaults: { branch: 'perturbed' },
  create: (options) => ({
    evaluate: async (job, attribution) => {
      const probs = attribution.probs;
      if (!probs) return skippedRecord(job, 'method returns no probabilities');
      const other = probs[options.branch];
      if (!other) return skippedRecord(job, `method returns no ${options.branch} probabilities`);
      if (other.length !== probs.clean.length || !(job.classIndex >= 0 && job.classIndex < probs.clean.length)) {
        return failedRecord(
          job,
          `probabilities do not fit: clean ${probs.clean.length}, ${options.branch} ${other.length}, class ${job.classIndex}`,
        );
      }
      const value = classDistortionScore(probs.clean, other, job.classIndex);
      if (!Number.isFinite(value)) return failedRecord(job, `class distortion is not finite (${value}): probabilities outside [0, 1]?`);
      return doneRecord(job, value);
    },
  }),
});
