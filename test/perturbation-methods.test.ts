import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { writeSpec } from './helpers/specs.js';

describe('the perturbation methods from a spec', () => {
  it('runs rp, mp (both presets) and ep (voc benchmark preset) on the built-in CNN into one leaderboard, class distortion included', async () => {
    const dir = await scratchDir('perturbation');
    // Few iterations keep this end-to-end check short; the reference settings are the defaults.
    const spec = await writeSpec(dir, {
      name: 'perturbation-smoke',
      seed: 777,
      datasets: [{ use: 'synthetic', options: { count: 4 } }],
      models: [{ use: 'builtin' }],
      targets: { mode: 'correct' },
      methods: [
        { use: 'rp', options: { iterations: 10 } },
        { use: 'mp', options: { iterations: 10 } },
        { use: 'mp', id: 'mp-port', options: { preset: 'pytorch-port', iterations: 10 } },
        { use: 'ep', options: { iterations: 10, benchmark: 'voc' } },
      ],
      metrics: [{ use: 'pointing-game' }, { use: 'deletion' }, { use: 'class-distortion' }],
      execution: { batchSize: 4 },
      output: join(dir, 'run'),
    });
    const result = await runCli(['run', spec, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.mapsFailed).toBe(0);
    expect(summary.mapsComputed).toBeGreaterThan(0);
    const rows = parse(await readFile(join(dir, 'run/leaderboard.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.method}/${r.metric}`)).toEqual(
      ['rp', 'mp', 'mp-port', 'ep'].flatMap((m) => [`${m}/pointing-game`, `${m}/deletion`, `${m}/class-distortion`]),
    );
    // Every method returns the clean, perturbed and preserved probabilities the class distortion score reads.
    for (const row of rows) expect(Number(row.n)).toBeGreaterThan(0);
  });
});
