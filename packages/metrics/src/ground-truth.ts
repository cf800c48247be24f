/**
 * The target class's ground truth for localisation metrics, with the pointing-game rule that an
 * image-class pair whose objects are all "difficult" is skipped (TorchRay, VOC protocol).
 */
import type { Job, SampleObject } from '@saliency-bench/core';

export type TargetObjects = { objects: SampleObject[] } | { skip: string };

export function targetObjects(job: Job, skipDifficult: boolean): TargetObjects {
  if (job.sample.objects.length === 0) {
    return { skip: `sample ${job.sample.id} has no object annotations (boxes or masks); localisation metrics need a dataset with them` };
  }
  const objects = job.sample.objects.filter((object) => object.classIndex === job.classIndex);
  if (objects.length === 0) return { skip: `no ground-truth object of class ${job.classIndex} in sample ${job.sample.id}` };
  if (skipDifficult && objects.every((object) => object.difficult)) {
    return { skip: `every object of class ${job.classIndex} in sample ${job.sample.id} is marked difficult` };
  }
  return { objects };
}

/** A box's inclusive pixel range clipped to the image; empty when lo > hi. */
export function boxPixels(
  box: SampleObject['box'],
  height: number,
  width: number,
): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.max(0, Math.ceil(box[0])),
    y0: Math.max(0, Math.ceil(box[1])),
    x1: Math.min(width - 1, Math.floor(box[2])),
    y1: Math.min(height - 1, Math.floor(box[3])),
  };
}

/** The first maximum in row-major order (the pointing game's point). */
export function argmaxPoint(map: Float32Array, width: number): { x: number; y: number } {
  let best = 0;
  for (let i = 1; i < map.length; i++) if (map[i] > map[best]) best = i;
  return { x: best % width, y: Math.floor(best / width) };
}
