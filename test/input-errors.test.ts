import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { slowMethodSource } from './helpers/slow-method-plugin.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

const small = { datasets: [{ use: 'synthetic', options: { count: 4, width: 64, height: 64 } }] };

describe('absurd or non-finite numbers are spec errors (exit 2)', () => {
  it('refuses 1e400 (Infinity), threads 1e6 and 1e12 iterations, each at its pointer', async () => {
    const dir = await scratchDir('absurd');
    const text = `{
  "name": "absurd", "seed": 1e400,
  "datasets": [{ "use": "synthetic", "options": { "count": 4 } }],
  "models": [{ "use": "onnx", "options": { "path": "model.onnx", "threads": 100000 } }],
  "methods": [{ "use": "rp", "options": { "iterations": 1e12 } }, { "use": "rise", "options": { "masks": 1e9 } }],
  "metrics": [{ "use": "pointing-game" }],
  "execution": { "threads": 1e6 }
}`;
    await writeFile(join(dir, 'absurd.json'), text);
    const result = await runCli(['validate', join(dir, 'absurd.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/seed: must be integer, and finite: a literal too large for a double \(such as 1e400\) reads as Infinity \(found Infinity\)/);
    expect(result.stderr).toMatch(/\/execution\/threads: must be <= 256 \(found 1000000\)/);
    expect(result.stderr).toMatch(/\/models\/0\/options\/threads: must be <= 256 \(found 100000\)/);
    expect(result.stderr).toMatch(/\/methods\/0\/options\/iterations: must be <= \d+/);
    expect(result.stderr).toMatch(/\/methods\/1\/options\/masks: must be <= \d+/);
  });
});

describe('syntax errors say the line and column', () => {
  it('in the spec JSON', async () => {
    const dir = await scratchDir('json-syntax');
    await writeFile(join(dir, 'trailing-comma.json'), '{\n  "name": "x",\n  "seed": 1,\n}\n');
    const result = await runCli(['validate', join(dir, 'trailing-comma.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/trailing-comma\.json: 1 problem\n {2}\/: not valid JSON: line 4, column 1: /);
  });

  it('in a plugin module, with the offending source line', async () => {
    const dir = await scratchDir('plugin-syntax');
    await writeFile(join(dir, 'broken.js'), "export const broken = {\n  kind: 'method',\n  name: 'broken' oops\n};\n");
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), { plugins: ['./broken.js'] }));
    const result = await runCli(['validate', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/plugins\/0: cannot load plugin module "\.\/broken\.js" \(.*broken\.js\): syntax error at line 3, column 18: Unexpected identifier 'oops'\n {4}name: 'broken' oops/);
  });
});

describe('plugins outside the repository', () => {
  it('that import @saliency-bench/core are told how to fix it', async () => {
    const dir = await scratchDir('needs-core');
    await writeFile(join(dir, 'mine.js'), "import { defineMethod } from '@saliency-bench/core';\nexport const mine = defineMethod({});\n");
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), { plugins: ['./mine.js'] }));
    const result = await runCli(['validate', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/it imports @saliency-bench\/core, which is not installed where the plugin lives\. Either install it there \(npm install @saliency-bench\/core.*or drop the import and export the plain object with a kind field/);
  });

  it('changing a local plugin file changes the spec hash, so its old maps are not reused', async () => {
    const dir = await scratchDir('plugin-edit');
    await writeFile(join(dir, 'random-peak.js'), slowMethodSource);
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), { ...small, plugins: ['./random-peak.js'], methods: [{ use: 'random-peak' }] }));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    await writeFile(join(dir, 'random-peak.js'), slowMethodSource.replace('/ 800)', '/ 200)'));
    const rerun = await runCli(['run', spec, '--quiet']);
    expect(rerun.code).toBe(2);
    expect(rerun.stderr).toMatch(/run holds results of a different spec/);
    const fresh = await runCli(['run', spec, '--fresh', '--json']);
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.stdout).mapsReused).toBe(0);
  });
});
