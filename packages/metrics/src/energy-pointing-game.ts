/**
 * Energy-based pointing game (Wang et al., Score-CAM, CVPRW 2020): the share of the min-max
 * normalised map's energy, at the original image size, that falls inside the target's boxes.
 * Two published variants: 'per-box' (the Robust Perturbation code: energy in each box / total,
 * averaged over the class's boxes) and 'union' (Score-CAM: energy in the union of the boxes / total).
 */
import { defineMetric, minMaxNormalize, resizeMap, stringEnum, type SampleObject, doneRecord, failedRecord, skippedRecord } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';
import { boxPixels, targetObjects } from './ground-truth.js';
import { mapProblem } from './map-problem.js';

const energyPointingGameSchema = Type.Object(
  {
    variant: stringEnum(['per-box', 'union'], {
      description:
        "'per-box' (Robust Perturbation code, default): energy inside each box / total energy, averaged over the class's boxes; " +
        "'union' (Score-CAM paper): energy inside the union of the class's boxes / total energy.",
    }),
    skipDifficult: Type.Boolean({ description: 'Skip image-class pairs whose objects are all marked difficult.' }),
  },
  { additionalProperties: false },
);

export type EnergyPointingGameOptions = Static<typeof energyPointingGameSchema>;

/** Energy proportion of the class's boxes in a non-negative H x W map. */
export function energyInBoxes(
  map: Float32Array,
  height: number,
  width: number,
  boxes: SampleObject['box'][],
  variant: EnergyPointingGameOptions['variant'],
): number {
  let total = 0;
  for (let i = 0; i < map.length; i++) total += map[i];
  // A constant map has no energy after min-max scaling; score it as uniform energy (the area share).
  const energy = total > 0 ? map : new Float32Array(map.length).fill(1);
  if (!(total > 0)) total = map.length;
  const inside = (pixels: Uint8Array | null, box: SampleObject['box']) => {
    const { x0, y0, x1, y1 } = boxPixels(box, height, width);
    let sum = 0;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const i = y * width + x;
        if (pixels) {
          if (pixels[i]) continue; // already counted by an overlapping box
          pixels[i] = 1;
        }
        sum += energy[i];
      }
    }
    return sum;
  };
  if (variant === 'union') {
    const covered = new Uint8Array(map.length);
    let sum = 0;
    for (const box of boxes) sum += inside(covered, box);
    return sum / total;
  }
  let mean = 0;
  for (const box of boxes) mean += inside(null, box) / total / boxes.length;
  return mean;
}

export const energyPointingGamePlugin = defineMetric<EnergyPointingGameOptions>({
  name: 'energy-pointing-game',
  version: '1',
  description: "Energy-based pointing game (Score-CAM): share of the min-max normalised map's energy inside the target's boxes.",
  needsModel: false,
  higherIsBetter: true,
  schema: energyPointingGameSchema,
  defaults: { variant: 'per-box', skipDifficult: true },
  create: (options) => ({
    evaluate: async (job, attribution) => {
      const problem = mapProblem(attribution);
      if (problem) return failedRecord(job, problem);
      const target = targetObjects(job, options.skipDifficult);
      if ('skip' in target) return skippedRecord(job, target.skip);
      const { height, width } = job.sample;
      const map = minMaxNormalize(resizeMap(attribution.map, attribution.height, attribution.width, height, width));
      const boxes = target.objects.map((object) => object.box);
      return doneRecord(job, energyInBoxes(map, height, width, boxes, options.variant), { boxes: boxes.length });
    },
  }),
});
