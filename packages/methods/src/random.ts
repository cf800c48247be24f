/**
 * The "random" baseline: uniform noise in [0, 1) drawn from the job's own seeded stream, so a map is
 * the same whatever batch computed it. Metrics should score it near chance.
 */
import { defineMethod } from '@saliency-bench/core';
import { mapSize } from './map-size.js';

export type RandomOptions = Record<string, never>;

export const randomPlugin = defineMethod<RandomOptions>({
  name: 'random',
  version: '1',
  description: 'Reference baseline: uniform random noise from the seeded per-job stream.',
  needsModel: false,
  schema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  create: () => ({
    explain: async (jobs, ctx) =>
      jobs.map((job) => {
        const { height, width } = mapSize(job, ctx);
        const random = ctx.random(job);
        const map = new Float32Array(height * width);
        for (let i = 0; i < map.length; i++) map[i] = random.uniform();
        return { map, height, width };
      }),
  }),
});
