/**
 * The clean pass of samples (model input, logits, probabilities), one forward call for all of
 * them. The runner makes it once per sample; methods and metrics read it from `Job.clean`, and
 * `cleanPassesOf` computes it for jobs that come without one (a plugin used from code).
 */
import { toModelInput } from '../image/to-model-input.js';
import type { CleanPass, Classifier, ClassifierInfo, Job, Sample } from '../types.js';
import { probabilities } from './probabilities.js';

/** One forward call over the samples' model inputs; the passes in sample order. */
export async function cleanPasses(samples: readonly Sample[], model: Classifier): Promise<CleanPass[]> {
  if (samples.length === 0) return [];
  const inputs = samples.map((sample) => toModelInput(sample, model.info));
  const size = inputs[0].length;
  const batch = new Float32Array(samples.length * size);
  inputs.forEach((input, i) => batch.set(input, i * size));
  const logits = await model.forward(batch, samples.length);
  const classes = model.info.classes.length;
  if (logits.length !== samples.length * classes) {
    throw new Error(`model ${model.info.name} returned ${logits.length} logits for ${samples.length} images of ${classes} classes`);
  }
  const probs = probabilities(logits, samples.length, model.info.activation);
  return inputs.map((input, i) => ({
    model: model.info,
    input,
    logits: logits.slice(i * classes, (i + 1) * classes),
    probabilities: probs.slice(i * classes, (i + 1) * classes),
  }));
}

/** The job's clean pass when the runner made it with this model (the same `info` object), else undefined. */
export function cleanPassOf(job: Job, info: ClassifierInfo): CleanPass | undefined {
  return job.clean?.model === info ? job.clean : undefined;
}

/**
 * Each job's clean pass: `job.clean` when it was made with this model, otherwise computed (one
 * forward call for the samples missing one, each sample once).
 */
export async function cleanPassesOf(jobs: readonly Job[], model: Classifier): Promise<CleanPass[]> {
  const missing = [...new Set(jobs.filter((job) => !cleanPassOf(job, model.info)).map((job) => job.sample))];
  const computed = new Map(missing.map((sample, i) => [sample, i]));
  const passes = await cleanPasses(missing, model);
  return jobs.map((job) => cleanPassOf(job, model.info) ?? passes[computed.get(job.sample)!]);
}

/** The job's model input: its clean pass's when made with this model, otherwise computed (no model call). */
export function modelInputOf(job: Job, info: ClassifierInfo): Float32Array {
  return cleanPassOf(job, info)?.input ?? toModelInput(job.sample, info);
}
