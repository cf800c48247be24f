import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';

const forbid = ['--import', join(repoRoot, 'test/fixtures/forbid-compute.mjs')];

describe('commands that must stay light', () => {
  it('lists every plugin with its options without loading onnxruntime, tfjs or sharp', async () => {
    const result = await runCli(['list', '--json'], { nodeArgs: forbid });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plugins = JSON.parse(result.stdout) as { kind: string; name: string; schema: object }[];
    const names = plugins.map((p) => `${p.kind}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['dataset:synthetic', 'method:center', 'method:random', 'metric:pointing-game', 'metric:energy-pointing-game']));
    for (const plugin of plugins) expect(plugin.schema).toMatchObject({ type: 'object' });
  });

  it('validates the quick start spec without loading a compute library', async () => {
    const result = await runCli(['validate', 'benchmarks/quickstart.json'], { nodeArgs: forbid });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('proves the guard works: importing onnxruntime-node under it fails', async () => {
    const { spawnSync } = await import('node:child_process');
    const probe = spawnSync(process.execPath, [...forbid, '--input-type=module', '-e', "await import('onnxruntime-node')"], { cwd: repoRoot, encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toMatch(/compute library loaded: onnxruntime-node/);
  });
});
