/**
 * The "center" baseline of the pointing game (TorchRay, attribution_benchmark.py): a map that ignores
 * the image and peaks at its centre. Here a Gaussian centred on pixel (floor(H/2), floor(W/2)), so its
 * argmax is that pixel; any method worth its cost must beat it where objects are not centred.
 * It is drawn at the sample's own size even when the spec has a model: drawn at the model input
 * (300x300) and resized back, its maximum would land at (151, 151) of the input instead of
 * TorchRay's (floor(W/2), floor(H/2)) of the image.
 */
import { defineMethod } from '@saliency-bench/core';
import { Type, type Static } from '@sinclair/typebox';

const centerSchema = Type.Object(
  {
    sigma: Type.Number({ exclusiveMinimum: 0, description: 'Standard deviation of the Gaussian as a fraction of the shorter image side.' }),
  },
  { additionalProperties: false },
);

export type CenterOptions = Static<typeof centerSchema>;

/** A Gaussian bump peaking at (floor(h/2), floor(w/2)), separable: outer product of two 1-D profiles. */
export function centerMap(height: number, width: number, sigmaFraction: number): Float32Array {
  const sigma = sigmaFraction * Math.min(height, width);
  const profile = (n: number) => {
    const centre = Math.floor(n / 2);
    return Float64Array.from({ length: n }, (_, i) => Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma)));
  };
  const rows = profile(height);
  const cols = profile(width);
  const map = new Float32Array(height * width);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) map[y * width + x] = rows[y] * cols[x];
  return map;
}

export const centerPlugin = defineMethod<CenterOptions>({
  name: 'center',
  version: '2',
  description: 'Reference baseline: a centred Gaussian whose maximum is the image centre (TorchRay pointing baseline).',
  needsModel: false,
  schema: centerSchema,
  defaults: { sigma: 0.25 },
  create: (options) => ({
    explain: async (jobs) =>
      jobs.map((job) => {
        const { height, width } = job.sample;
        return { map: centerMap(height, width, options.sigma), height, width };
      }),
  }),
});
