/**
 * Pointing game (Zhang et al., ECCV 2016), as benchmarked by TorchRay (torchray/benchmark/pointing_game.py):
 * the map's maximum, at the original image size, is a hit when a ground-truth pixel of the target class
 * lies strictly within `tolerance` pixels of it. The headline number is the mean over classes of the
 * per-class hit rate.
 */
import { defineMetric, resizeMap, stringEnum, type DoneRecord, type SampleObject, doneRecord, failedRecord, skippedRecord } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { argmaxPoint, boxPixels, targetObjects } from './ground-truth.js';
import { mapProblem } from './map-problem.js';

const pointingGameSchema = Type.Object(
  {
    tolerance: Type.Number({ minimum: 0, description: 'Hit radius in pixels at the original image size (strict <).' }),
    useMasks: Type.Boolean({ description: 'Test against segmentation masks (COCO) instead of boxes (VOC).' }),
    skipDifficult: Type.Boolean({ description: 'Skip image-class pairs whose objects are all marked difficult.' }),
    subset: stringEnum(['all', 'difficult'], {
      description: "'difficult': score only the pairs of the dataset's difficult list (TorchRay's second column; the dataset needs its difficultList option).",
    }),
  },
  { additionalProperties: false },
);

export type PointingGameOptions = Static<typeof pointingGameSchema>;

type Point = { x: number; y: number };

/** Whether any pixel of the box lies at Euclidean distance < tolerance from the point. */
function boxWithin(point: Point, box: SampleObject['box'], height: number, width: number, tolerance: number): boolean {
  const { x0, y0, x1, y1 } = boxPixels(box, height, width);
  if (x0 > x1 || y0 > y1) return false;
  // The box pixel nearest to the point is the point clamped into the box.
  const dx = Math.min(Math.max(point.x, x0), x1) - point.x;
  const dy = Math.min(Math.max(point.y, y0), y1) - point.y;
  return dx * dx + dy * dy < tolerance * tolerance;
}

/** Whether any mask pixel lies at distance < tolerance: scan the disc's bounding square only. */
function maskWithin(point: Point, mask: Uint8Array, height: number, width: number, tolerance: number): boolean {
  const reach = Math.ceil(tolerance);
  for (let y = Math.max(0, point.y - reach); y <= Math.min(height - 1, point.y + reach); y++) {
    for (let x = Math.max(0, point.x - reach); x <= Math.min(width - 1, point.x + reach); x++) {
      const dx = x - point.x;
      const dy = y - point.y;
      if (mask[y * width + x] && dx * dx + dy * dy < tolerance * tolerance) return true;
    }
  }
  return false;
}

/** Mean over classes of hits / (hits + misses), the TorchRay protocol's headline number. */
export function pointingAccuracy(records: DoneRecord[]): number {
  const perClass = new Map<number, { hits: number; total: number }>();
  for (const record of records) {
    const entry = perClass.get(record.classIndex) ?? { hits: 0, total: 0 };
    entry.hits += record.value;
    entry.total += 1;
    perClass.set(record.classIndex, entry);
  }
  if (perClass.size === 0) return Number.NaN;
  let sum = 0;
  for (const { hits, total } of perClass.values()) sum += hits / total;
  return sum / perClass.size;
}

export const pointingGamePlugin = defineMetric<PointingGameOptions>({
  name: 'pointing-game',
  version: '1',
  description: 'Pointing game (Zhang et al. 2016, TorchRay protocol): is the map maximum within 15 px of the target object?',
  needsModel: false,
  higherIsBetter: true,
  statistic: pointingAccuracy,
  // Paired comparisons match per-class hit rates, the units whose mean is the statistic.
  pairingUnit: (record) => `class ${record.classIndex}`,
  schema: pointingGameSchema,
  defaults: { tolerance: 15, useMasks: false, skipDifficult: true, subset: 'all' },
  create: (options) => ({
    evaluate: async (job, attribution) => {
      const problem = mapProblem(attribution);
      if (problem) return failedRecord(job, problem);
      if (options.subset === 'difficult') {
        const subset = job.sample.difficultSubset;
        if (!subset) return failedRecord(job, `subset 'difficult' needs a difficult list, but sample ${job.sample.id} has none; set the dataset's difficultList option`);
        if (!subset.includes(job.classIndex)) return skippedRecord(job, `class ${job.classIndex} of sample ${job.sample.id} is not in the difficult subset`);
      }
      const target = targetObjects(job, options.skipDifficult);
      if ('skip' in target) return skippedRecord(job, target.skip);
      const { height, width } = job.sample;
      const map = resizeMap(attribution.map, attribution.height, attribution.width, height, width);
      const point = argmaxPoint(map, width);
      let hit = false;
      for (const [index, object] of target.objects.entries()) {
        if (options.useMasks && !object.mask) {
          return failedRecord(job, `useMasks is true but object ${index} of class ${job.classIndex} in sample ${job.sample.id} has no mask; set useMasks to false to use boxes`);
        }
        if (options.useMasks && object.mask!.length !== height * width) {
          return failedRecord(job, `the mask of object ${index} in sample ${job.sample.id} has ${object.mask!.length} pixels, expected ${height}x${width}`);
        }
        hit ||= options.useMasks
          ? maskWithin(point, object.mask!, height, width, options.tolerance)
          : boxWithin(point, object.box, height, width, options.tolerance);
      }
      return doneRecord(job, hit ? 1 : 0, { point: [point.x, point.y] });
    },
  }),
});
