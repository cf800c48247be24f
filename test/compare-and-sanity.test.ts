import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { writeSpec } from './helpers/specs.js';

type Row = Record<string, string>;
const csv = async (path: string) => parse(await readFile(path, 'utf8'), { columns: true }) as Row[];

describe('compare and sanity on a small run of the built-in model and its randomised copy', () => {
  let out = '';
  beforeAll(async () => {
    const dir = await scratchDir('sanity');
    out = join(dir, 'run');
    const spec = await writeSpec(dir, {
      name: 'small-sanity',
      seed: 11,
      datasets: [{ use: 'synthetic', options: { count: 6 } }],
      models: [
        { use: 'builtin', id: 'trained' },
        { use: 'builtin', id: 'random-all', options: { randomize: { layers: 'all', seed: 2 } } },
      ],
      targets: { mode: 'random-other' },
      methods: [{ use: 'gradient' }, { use: 'gradcam' }, { use: 'center' }, { use: 'random' }],
      metrics: [{ use: 'pointing-game' }, { use: 'energy-pointing-game' }],
      execution: { batchSize: 8 },
    });
    const run = await runCli(['run', spec, '--out', out, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
  }, 600_000);

  it('compares every pair of methods per metric, writing comparisons.csv and ranks.csv', async () => {
    const result = await runCli(['compare', out, '--model', 'trained', '--metric', 'energy-pointing-game']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/energy-pointing-game ↑\s+gradient\s+gradcam/);
    const rows = await csv(join(out, 'comparisons.csv'));
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(Number(row.ci_low)).toBeLessThanOrEqual(Number(row.difference));
      expect(Number(row.ci_high)).toBeGreaterThanOrEqual(Number(row.difference));
      expect(Number(row.difference)).toBeCloseTo(Number(row.mean_a) - Number(row.mean_b), 5);
      expect(Number(row.p_holm)).toBeGreaterThanOrEqual(Number(row.p_value));
    }
    const ranks = await csv(join(out, 'ranks.csv'));
    expect(ranks.map((r) => Number(r.rank)).sort()).toEqual([1, 2, 3, 4]);
    const json = JSON.parse((await runCli(['compare', out, '--model', 'trained', '--methods', 'gradient', 'center', '--json'])).stdout);
    // Pointing game: compared per class; energy pointing game: per job.
    expect(json.comparisons.map((c: Row) => `${c.metric}:${c.unit}`)).toEqual(['pointing-game:class', 'energy-pointing-game:job']);
  });

  it('flags the baselines, whose maps ignore the model, and not the gradient, whose maps change', async () => {
    const result = await runCli(['sanity', out, '--model', 'trained']);
    expect(result.code, result.stderr).toBe(0);
    const rows = await csv(join(out, 'sanity.csv'));
    const row = (method: string, check: string) => rows.find((r) => r.method === method && r.check === check)!;
    // centre and random maps do not depend on the model at all: identical maps, similarity 1.
    for (const method of ['center', 'random']) {
      expect(Number(row(method, 'model-randomization').spearman)).toBeCloseTo(1, 6);
      expect(Number(row(method, 'model-randomization').ssim)).toBeCloseTo(1, 6);
      expect(row(method, 'model-randomization').flagged).toBe('true');
    }
    expect(row('gradient', 'model-randomization').randomized_layers).toBe('all');
    expect(Number(row('gradient', 'model-randomization').spearman_abs)).toBeLessThan(0.5);
    expect(row('gradient', 'model-randomization').flagged).toBe('false');
    // Random logit: the centre map is the same for every class; random maps differ per job.
    expect(row('center', 'random-logit').flagged).toBe('true');
    expect(Math.abs(Number(row('random', 'random-logit').spearman))).toBeLessThan(0.1);
    expect(Number(row('gradient', 'random-logit').n)).toBeGreaterThan(5);
  });

  it('shows the measured cost in the leaderboard', async () => {
    const rows = await csv(join(out, 'leaderboard.csv'));
    const gradient = rows.find((r) => r.model === 'random-all' && r.method === 'gradient' && r.metric === 'pointing-game')!;
    expect([gradient.method_forward_per_map, gradient.method_backward_per_map].map(Number)).toEqual([1, 1]);
    expect(Number(gradient.method_peak_rss_mb)).toBeGreaterThan(10);
  });

  it('names the unknown model or method and exits 2', async () => {
    const sanity = await runCli(['sanity', out, '--model', 'nope']);
    expect(sanity.code).toBe(2);
    expect(sanity.stderr).toMatch(/no model "nope" in .*; its models are trained, random-all/);
    const compare = await runCli(['compare', out, '--methods', 'gradient', 'rp']);
    expect(compare.code).toBe(2);
    expect(compare.stderr).toMatch(/no method "rp" in this run; it has gradient, gradcam, center, random/);
  });
});
