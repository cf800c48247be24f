/**
 * What insertion and deletion share: the model input, the map at the model's resolution, the pixel
 * order, the curve, the scored class ('target', or the clean image's top-1 as the RISE and RP code do)
 * and the area under the curve.
 */
import { cleanPassOf, modelInputOf, resizeMap, type Attribution, type Job, type MetricContext, type MetricRecord, doneRecord, failedRecord } from '@saliency-bench/core';
import { coarseCurve } from './coarse-curve.js';
import { areaUnderCurve, perturbationCurve, saliencyOrder } from './perturbation-curve.js';
import { mapProblem } from './map-problem.js';
import type { CausalOptions } from './causal-schema.js';

export interface CausalSetup {
  metric: 'insertion' | 'deletion';
  /** The substrate in model-normalised space, from the clean model input. */
  substrate(input: Float32Array, shape: readonly [number, number, number]): Float32Array;
}

export async function evaluateCausal(
  job: Job,
  attribution: Attribution,
  ctx: MetricContext,
  options: CausalOptions,
  setup: CausalSetup,
): Promise<MetricRecord> {
  if (!ctx.model) return failedRecord(job, `${setup.metric} needs a model: declare one in the spec`);
  const { info } = ctx.model;
  const [, height, width] = info.inputShape;
  if (options.classOf === 'target' && !(job.classIndex >= 0 && job.classIndex < info.classes.length)) {
    return failedRecord(job, `class ${job.classIndex} is outside model ${info.name}'s ${info.classes.length} classes`);
  }
  const problem = mapProblem(attribution);
  if (problem) return failedRecord(job, problem);
  const map =
    attribution.height === height && attribution.width === width
      ? attribution.map
      : resizeMap(attribution.map, attribution.height, attribution.width, height, width);
  const image = modelInputOf(job, info);
  // The clean image's probabilities are the runner's clean pass when it comes with the job.
  const clean = cleanPassOf(job, info)?.probabilities;
  const substrate = setup.substrate(image, info.inputShape);
  const deletion = setup.metric === 'deletion';
  const { probs, points, classes } = await perturbationCurve({
    model: ctx.model,
    start: deletion ? image : substrate,
    end: deletion ? substrate : image,
    order: saliencyOrder(map),
    step: options.step,
    batchSize: options.batchSize,
    signal: ctx.signal,
    ...(deletion ? { startProbabilities: clean } : { endProbabilities: clean }),
  });
  // The clean image is the first point of deletion and the last of insertion.
  const cleanRow = deletion ? 0 : points - 1;
  let scored = job.classIndex;
  if (options.classOf === 'top1') {
    scored = 0;
    for (let k = 1; k < classes; k++) if (probs[cleanRow * classes + k] > probs[cleanRow * classes + scored]) scored = k;
  }
  const curve = new Float64Array(points);
  for (let i = 0; i < points; i++) curve[i] = probs[i * classes + scored];
  const extra: Record<string, unknown> = { scoredClass: scored, steps: points - 1 };
  // recordCurve keeps every point; a report (ctx.recordCurves) only needs a coarse copy to draw.
  if (options.recordCurve) extra.curve = Array.from(curve);
  else if (ctx.recordCurves) extra.curve = coarseCurve(curve);
  return doneRecord(job, areaUnderCurve(curve), extra);
}
