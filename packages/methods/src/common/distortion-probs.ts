/**
 * The probabilities the class distortion score reads (Kim et al., TIP 2021): the model on the
 * clean input, on the input with the salient region perturbed, and on the input with only the
 * salient region kept, for each job's final mask. The clean ones are the runner's (Job.clean); the
 * others of all jobs go through one forward call.
 */
import { probabilities, type AttributionProbs, type CleanPass, type Classifier } from '@saliency-bench/core';

/** Model-normalised CHW inputs at the model's input size. */
export interface DistortionInputs {
  perturbed: Float32Array;
  preserved: Float32Array;
}

/** The clean probabilities come from each job's clean pass; the perturbed and preserved inputs go through one forward call. */
export async function distortionProbs(classifier: Classifier, clean: readonly CleanPass[], inputs: DistortionInputs[]): Promise<AttributionProbs[]> {
  if (inputs.length === 0) return [];
  const size = inputs[0].perturbed.length;
  const stacked = new Float32Array(2 * inputs.length * size);
  inputs.forEach((input, j) => {
    stacked.set(input.perturbed, (2 * j) * size);
    stacked.set(input.preserved, (2 * j + 1) * size);
  });
  const rows = 2 * inputs.length;
  const probs = probabilities(await classifier.forward(stacked, rows), rows, classifier.info.activation);
  const classes = probs.length / rows;
  const row = (r: number) => probs.slice(r * classes, (r + 1) * classes);
  return inputs.map((_, j) => ({ clean: clean[j].probabilities.slice(), perturbed: row(2 * j), preserved: row(2 * j + 1) }));
}

/** x where keep = 1, the baseline where keep = 0: x * keep + b * (1 - keep), per channel. */
export function blendWithBaseline(x: Float32Array, baseline: Float32Array, keep: ArrayLike<number>): Float32Array {
  const plane = keep.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const k = keep[i % plane];
    out[i] = x[i] * k + baseline[i] * (1 - k);
  }
  return out;
}
