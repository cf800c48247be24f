import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { writeSpec } from './helpers/specs.js';

function spec(output: string, reference: string): Record<string, unknown> {
  return {
    name: 'rp-reference',
    seed: 777,
    datasets: [{ use: 'synthetic', options: { count: 2 } }],
    models: [{ use: 'builtin' }],
    targets: { mode: 'ground-truth' },
    methods: [
      { use: 'rp', options: { iterations: 3 } },
      { use: 'rp', id: 'rp-official', options: { iterations: 3, reference } },
    ],
    metrics: [{ use: 'class-distortion' }],
    execution: { batchSize: 4 },
    output,
  };
}

describe("rp's paper / official choice from a spec", () => {
  it("runs rp-official ({ reference: 'official' }) beside rp and records which one each entry follows", async () => {
    const dir = await scratchDir('rp-reference');
    const result = await runCli(['run', await writeSpec(dir, spec(join(dir, 'run'), 'official')), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).mapsFailed).toBe(0);
    const resolved = JSON.parse(await readFile(join(dir, 'run/spec.json'), 'utf8')).spec;
    const references = Object.fromEntries(resolved.methods.map((m: { id: string; options: { reference: string } }) => [m.id, m.options.reference]));
    expect(references).toEqual({ rp: 'paper', 'rp-official': 'official' });
  });

  it('rejects a misspelt reference with its JSON pointer and exit code 2', async () => {
    const dir = await scratchDir('rp-reference-bad');
    const result = await runCli(['run', await writeSpec(dir, spec(join(dir, 'run'), 'offical'))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/methods\/1\/options\/reference/);
    expect(result.stderr).toMatch(/paper/);
  });
});
