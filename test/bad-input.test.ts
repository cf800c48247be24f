import { access, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, scratchDir } from './helpers/cli.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

const small = { datasets: [{ use: 'synthetic', options: { count: 4, width: 64, height: 64 } }] };
const exists = (path: string) => access(path).then(() => true, () => false);

describe('command-line mistakes stop before any work, with exit code 2', () => {
  it('an unknown option (a typo of --shard) does not run the suite', async () => {
    const dir = await scratchDir('typo');
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), small));
    const result = await runCli(['run', spec, '--shrad', '1/2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Unknown argument: shrad\nRun with --help for usage\.\n$/);
    expect(result.stdout).toBe('');
    expect(await exists(join(dir, 'run'))).toBe(false);
  });

  it('a missing positional argument names what is missing, not a type error', async () => {
    for (const command of [['run'], ['validate'], ['leaderboard'], ['merge', 'out']]) {
      const result = await runCli(command);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: Not enough non-option arguments/);
      expect(result.stderr).not.toMatch(/must be of type string/);
    }
  });
});

describe('bad output paths and run directories exit 2 naming the path', () => {
  it('refuses an output path that is a file, or lies under a file', async () => {
    const dir = await scratchDir('out-file');
    await writeFile(join(dir, 'taken'), 'a file');
    const onFile = await runCli(['run', await writeSpec(dir, baselineSpec(join(dir, 'taken'), small), 'a.json'), '--quiet']);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain(`the run directory ${join(dir, 'taken')} is a file, not a directory; choose another --out path`);
    const under = await runCli(['run', await writeSpec(dir, baselineSpec(join(dir, 'taken/run'), small), 'b.json'), '--quiet']);
    expect(under.code).toBe(2);
    expect(under.stderr).toContain(`the run directory ${join(dir, 'taken/run')} cannot be created: ${join(dir, 'taken')} is a file`);
  });

  it('names the run directory when the disk is full, and keeps the finished work', async () => {
    const dir = await scratchDir('full');
    const out = join(dir, 'run');
    const spec = await writeSpec(dir, baselineSpec(out, small));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    // /dev/full answers every write with ENOSPC: one series' records file stands for a full disk.
    const records = join(out, 'records/synthetic/none/random');
    await rm(records, { recursive: true });
    await mkdir(records);
    await symlink('/dev/full', join(records, 'pointing-game.jsonl'));
    const result = await runCli(['run', spec, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: no space left on the disk holding the run directory ${out}`);
    expect(result.stderr).toContain('free some space or use --out on another disk, then rerun: finished work is kept');
    expect(await exists(join(out, 'maps/synthetic/none/center'))).toBe(true);
  });

  it('leaderboard and merge refuse directories that are not run directories', async () => {
    const dir = await scratchDir('not-run');
    const leaderboard = await runCli(['leaderboard', dir]);
    expect(leaderboard.code).toBe(2);
    expect(leaderboard.stderr).toContain(`${dir} is not a run directory (no spec.json); give a directory that saliency-bench run wrote`);
    const merge = await runCli(['merge', join(dir, 'merged'), dir]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain(`${dir} is not a run directory (no spec.json)`);
  });
});

describe('plugins that cannot start exit 2 naming the entry, the plugin and its file', () => {
  it('a method plugin whose create throws', async () => {
    const dir = await scratchDir('create-throws');
    await writeFile(
      join(dir, 'broken.js'),
      `export const broken = { kind: 'method', name: 'broken', version: '1', description: 'throws on create', needsModel: false,
        schema: { type: 'object' }, defaults: {}, create() { throw new Error('weights file w.bin is missing'); } };\n`,
    );
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), { ...small, plugins: ['./broken.js'], methods: [{ use: 'center' }, { use: 'broken' }] }));
    const result = await runCli(['run', spec, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: /methods/1: method "broken" (broken, from ${join(dir, 'broken.js')}) could not start: weights file w.bin is missing`);
  });

  it('an ONNX model file that is missing, empty or random bytes', async () => {
    const dir = await scratchDir('bad-onnx');
    await writeFile(join(dir, 'empty.onnx'), '');
    await writeFile(join(dir, 'random.onnx'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)));
    for (const file of ['missing.onnx', 'empty.onnx', 'random.onnx']) {
      const spec = await writeSpec(
        dir,
        { ...baselineSpec(join(dir, `run-${file}`), small), models: [{ use: 'onnx', options: { path: `./${file}` } }], methods: [{ use: 'gradient' }] },
        `${file}.json`,
      );
      const result = await runCli(['run', spec, '--quiet']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`error: /models/0: model "onnx" (onnx, built-in) could not start: ${join(dir, file)}`);
    }
  });

  it('a TensorFlow.js model that is not there', async () => {
    const dir = await scratchDir('tfjs-missing');
    const spec = await writeSpec(dir, { ...baselineSpec(join(dir, 'run'), small), models: [{ use: 'tfjs', options: { model: './nope' } }], methods: [{ use: 'gradient' }] });
    const result = await runCli(['run', spec, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: /models/0: model "tfjs" (tfjs, built-in) could not start: tfjs model: ${join(dir, 'nope')} does not exist`);
  });

  it('an ONNX model whose outputs do not match the class list', async () => {
    const dir = await scratchDir('onnx-classes');
    const model = join(repoRoot, 'packages/models/weights/builtin/builtin.onnx');
    const spec = await writeSpec(dir, {
      ...baselineSpec(join(dir, 'run'), small), models: [{ use: 'onnx', options: { path: model, classes: ['a', 'b', 'c'] } }], methods: [{ use: 'gradient' }],
    });
    const result = await runCli(['run', spec, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: /models/0: model "onnx" (onnx, built-in) could not start: ${model}: the model has 8 outputs but the classes option lists 3 classes`);
  });
});
