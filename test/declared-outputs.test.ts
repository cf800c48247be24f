/**
 * Outputs a method declares and outputs a metric requires, from a user's side: a metric plugin in a
 * .js file beside the spec that requires the methods' probabilities. Pairs that cannot be scored
 * are listed once by validate and run, and their rows are "-" with the reason; a name that is not
 * an output is a spec error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

const probsMetricSource = (requires: string) => `
export const gap = {
  kind: 'metric',
  name: 'probability-gap',
  version: '1',
  description: 'Clean minus perturbed probability of the target (test plugin).',
  needsModel: false,
  requires: ${requires},
  higherIsBetter: true,
  schema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  create() {
    return {
      async evaluate(job, attribution) {
        const { clean, perturbed } = attribution.probs;
        return { state: 'done', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value: clean[job.classIndex] - perturbed[job.classIndex] };
      },
    };
  },
};
`;

describe('declared outputs and required outputs', () => {
  it('lists the pairs a .js metric cannot score when validating and running, and records them as skipped', async () => {
    const dir = await scratchDir('declared-outputs');
    await writeFile(join(dir, 'gap.js'), probsMetricSource("['probs']"));
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), {
      plugins: ['./gap.js'],
      datasets: [{ use: 'synthetic', options: { count: 4, width: 48, height: 48 } }],
      metrics: [{ use: 'pointing-game' }, { use: 'probability-gap' }],
    }));
    const notice = 'note: 2 method x metric pairs are skipped (the metric needs an output the method does not declare):\n' +
      '  center: probability-gap (method returns no probabilities)\n  random: probability-gap (method returns no probabilities)\n';
    const validate = await runCli(['validate', spec]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(notice);

    const run = await runCli(['run', spec]);
    expect(run.code).toBe(0);
    expect(run.stderr.split(notice)).toHaveLength(2);
    const records = (await readFile(join(dir, 'run/records/synthetic/none/center/probability-gap.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(record).toMatchObject({ state: 'skipped', reason: 'method returns no probabilities' });
    const rows = (await readFile(join(dir, 'run/leaderboard.csv'), 'utf8')).trim().split('\n').filter((line) => line.includes('probability-gap'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(new RegExp(`,probability-gap,true,0,,,,,${records.length},0,`));
  });

  it('lists the quick start pairs that the class distortion score skips', async () => {
    const result = await runCli(['validate', 'benchmarks/quickstart.json']);
    expect(result.code).toBe(0);
    for (const method of ['gradient', 'gradcam', 'rise', 'center', 'random']) {
      expect(result.stdout).toContain(`  ${method}: class-distortion, class-distortion-reverse (method returns no probabilities)\n`);
    }
    expect(result.stdout).toContain('note: 10 method x metric pairs are skipped');
    expect(result.stdout).not.toMatch(/ {2}rp: /);
  });

  it('refuses a metric that requires an output no method can declare, naming the entry and the known outputs', async () => {
    const dir = await scratchDir('declared-outputs-bad');
    await writeFile(join(dir, 'gap.js'), probsMetricSource("['probabilities']"));
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), { plugins: ['./gap.js'], metrics: [{ use: 'probability-gap' }] }));
    const result = await runCli(['validate', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/metrics\/0\/use: metric "probability-gap" declares requires \["probabilities"\]: "probabilities" is not an output; known outputs: map, probs/);
  });
});
