/**
 * The skeleton every mask-optimisation method (rp, mp, ep) shares: check the model and the
 * targets, prepare each job's data, give each job one optimiser and one random stream, run the
 * step loop (abort, noise, objective, optimiser step, clamp to [0, 1]), then one noise-free pass
 * for the class distortion score's probabilities and the map from the final masks.
 *
 * A method supplies a `MaskGame` per batch of jobs: its preparation, initial masks, optimiser,
 * noise, objective, distortion pass and map. Random numbers are drawn only in `init` (job order)
 * and in `noise` (every step, job order), so each job's stream is consumed the same way whatever
 * the batch.
 */
import { cleanPassesOf, type Attribution, type AttributionMethod, type AttributionProbs, type CleanPass, type Classifier, type ClassifierInfo, type Job, type MethodContext, type Random } from '@saliency-bench/core';
import { clampInPlace, type FloatArray } from '../math/floats.js';
import { throwIfAborted } from './abort.js';
import { differentiable, type DifferentiableModel } from './differentiable-model.js';
import { explainInBatches } from './job-batches.js';
import { checkTargets, requireModel } from './require-model.js';

/** What the core hands a method for one batch of jobs. */
export interface MaskProblem {
  jobs: readonly Job[];
  classifier: Classifier;
  info: ClassifierInfo;
  channels: number;
  h: number;
  w: number;
  /**
   * The engine call of a step (the seam): masked inputs in, outputs and their input gradient out.
   * Objectives reach the model only through it.
   */
  engine: DifferentiableModel;
  /** The jobs' clean passes (model input, logits, probabilities): the runner's, computed once if absent. */
  cleanPasses(): Promise<CleanPass[]>;
  signal: AbortSignal;
}

/** An optimiser over one job's mask parameters (Adam, SGD with momentum). */
export interface MaskOptimiser {
  step(params: FloatArray, gradient: ArrayLike<number>): void;
}

/** One job's result of the objective; methods may carry more (probabilities, generated masks). */
export interface MaskEvaluation {
  gradient: FloatArray;
}

/** A method's part of the optimisation, for one batch of jobs. `Final` is what the map and the distortion pass read. */
export interface MaskGame<Data, Noise, Evaluation extends MaskEvaluation, Final> {
  /** Per-job data (inputs, baselines), in job order. */
  prepare(jobs: readonly Job[]): Data[] | Promise<Data[]>;
  /** The starting parameters of one job (may draw from its stream). */
  init(data: Data, random: Random, job: Job): FloatArray | Promise<FloatArray>;
  optimiser(size: number): MaskOptimiser;
  /** This step's noise or jitter for one job, drawn from its stream. */
  noise(random: Random, step: number): Noise;
  /** Loss gradients with respect to every job's parameters, through `engine`. */
  objective(engine: DifferentiableModel, data: Data[], masks: FloatArray[], noises: Noise[], step: number): Promise<Evaluation[]>;
  /** What the final parameters mean at the model's input size (and the last step's evaluation). */
  final(data: Data, mask: FloatArray, last: Evaluation | undefined): Final;
  /** The class distortion score's probabilities, without noise: one model pass for the batch. */
  distortion(data: Data[], finals: Final[]): Promise<AttributionProbs[]>;
  /** The saliency map, h x w at the model's input size. */
  map(final: Final, data: Data): Float32Array;
}

/** How a method sets up its game for one batch. */
export type MaskGameFactory<Data, Noise, Evaluation extends MaskEvaluation, Final> = (
  problem: MaskProblem,
) => MaskGame<Data, Noise, Evaluation, Final>;

/** Optimise one batch of jobs' masks together (one engine call per step for the whole batch). */
export async function optimiseMasks<Data, Noise, Evaluation extends MaskEvaluation, Final>(
  jobs: Job[],
  ctx: MethodContext,
  method: string,
  iterations: number,
  game: MaskGameFactory<Data, Noise, Evaluation, Final>,
): Promise<Attribution[]> {
  const classifier = requireModel(ctx, method);
  const engine = differentiable(classifier);
  const [channels, h, w] = classifier.info.inputShape;
  checkTargets(jobs, engine.classes, method, classifier.info.name);
  let clean: Promise<CleanPass[]> | undefined;
  const cleanPasses = () => (clean ??= cleanPassesOf(jobs, classifier));
  const problem: MaskProblem = { jobs, classifier, info: classifier.info, channels, h, w, engine, cleanPasses, signal: ctx.signal };
  const steps = game(problem);

  throwIfAborted(ctx.signal);
  const data = await steps.prepare(jobs);
  const streams = jobs.map((job) => ctx.random(job));
  const masks: FloatArray[] = [];
  for (let j = 0; j < jobs.length; j++) {
    throwIfAborted(ctx.signal);
    masks.push(await steps.init(data[j], streams[j], jobs[j]));
  }
  const optimisers = masks.map((mask) => steps.optimiser(mask.length));
  let last: Evaluation[] = [];
  for (let step = 0; step < iterations; step++) {
    throwIfAborted(ctx.signal);
    const noises = streams.map((random) => steps.noise(random, step));
    last = await steps.objective(engine, data, masks, noises, step);
    last.forEach((evaluation, j) => {
      optimisers[j].step(masks[j], evaluation.gradient);
      clampInPlace(masks[j], 0, 1);
    });
  }
  throwIfAborted(ctx.signal);

  const finals = data.map((d, j) => steps.final(d, masks[j], last[j]));
  const probs = await steps.distortion(data, finals);
  return finals.map((final, j) => ({ map: steps.map(final, data[j]), height: h, width: w, probs: probs[j] }));
}

/**
 * A perturbation method's `explain`: jobs in batches of `masksPerBatch` (0: the run's batch size),
 * each batch optimised together for `iterations` steps.
 */
export function maskOptimisationMethod<Data, Noise, Evaluation extends MaskEvaluation, Final>(
  method: string,
  settings: { iterations: number; masksPerBatch: number },
  game: MaskGameFactory<Data, Noise, Evaluation, Final>,
): AttributionMethod {
  return {
    explain: (jobs, ctx) =>
      explainInBatches(jobs, ctx, settings.masksPerBatch, (batch, batchCtx) => optimiseMasks(batch, batchCtx, method, settings.iterations, game)),
  };
}
