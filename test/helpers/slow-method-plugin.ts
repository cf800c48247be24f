/**
 * The source of a third-party method plugin, written beside a spec outside the repository.
 * It is a plain object (what defineMethod returns), so it needs no import to resolve.
 * Each job takes `delayMs`, which gives a test time to interrupt a run.
 */
export const slowMethodSource = `
export const peakMethod = {
  kind: 'method',
  name: 'random-peak',
  version: '1',
  description: 'A Gaussian bump at a seeded random position (test plugin).',
  needsModel: false,
  schema: { type: 'object', additionalProperties: false, properties: { delayMs: { type: 'integer', minimum: 0 } } },
  defaults: { delayMs: 0 },
  create(options) {
    return {
      async explain(jobs, ctx) {
        const maps = [];
        for (const job of jobs) {
          if (ctx.signal.aborted) throw new Error('aborted');
          await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          const { width, height } = job.sample;
          const random = ctx.random(job);
          const cx = random.uniform() * width;
          const cy = random.uniform() * height;
          const map = new Float32Array(width * height);
          for (let y = 0; y < height; y++)
            for (let x = 0; x < width; x++) map[y * width + x] = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 800);
          maps.push({ map, width, height });
        }
        return maps;
      },
    };
  },
};
`;
