import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

describe('spec validation', () => {
  it('reports three mistakes in different places at once, each with its pointer, and exits 2', async () => {
    const dir = await scratchDir('spec-errors');
    const spec = baselineSpec(join(dir, 'run'), {
      seed: -1,
      methods: [{ use: 'center' }, { use: 'centre' }],
      metrics: [{ use: 'pointing-game', options: { tolerance: 'far' } }],
    });
    const path = await writeSpec(dir, spec);
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('3 problems');
    expect(result.stderr).toMatch(/\/seed: must be >= 0 \(found -1\)/);
    expect(result.stderr).toMatch(/\/methods\/1\/use: unknown method; available: .*center.* \(found "centre"\)/);
    expect(result.stderr).toMatch(/\/metrics\/0\/options\/tolerance: must be number \(found "far"\)/);
  });

  it('names an unknown key and the keys that are allowed', async () => {
    const dir = await scratchDir('unknown-key');
    const path = await writeSpec(dir, { ...baselineSpec(join(dir, 'run')), sed: 1 });
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/sed: unknown key "sed"; allowed keys: .*seed/);
  });

  it('rejects a metric that needs a model when the spec declares none', async () => {
    const dir = await scratchDir('needs-model');
    const path = await writeSpec(dir, baselineSpec(join(dir, 'run'), { metrics: [{ use: 'insertion' }] }));
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/metrics\/0\/use: "insertion" needs a model/);
  });

  it('rejects a tfjs model without its model.json path before the run starts', async () => {
    const dir = await scratchDir('tfjs-no-model');
    const path = await writeSpec(dir, baselineSpec(join(dir, 'run'), { models: [{ use: 'tfjs' }] }));
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/models\/0\/options\/model: is required but missing/);
  });

  it('says which file is missing or not JSON', async () => {
    const dir = await scratchDir('bad-file');
    const missing = await runCli(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: 1 problem\n.*file not found/);
    await writeFile(join(dir, 'broken.json'), '{ "name": ');
    const broken = await runCli(['validate', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: 1 problem\n.*not valid JSON/);
  });

  it('accepts the quick start spec', async () => {
    const result = await runCli(['validate', 'benchmarks/quickstart.json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/quickstart\.json: ok/);
  });
});
