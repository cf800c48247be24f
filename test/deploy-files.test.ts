import { execFile } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigMap } from 'kubernetes-models/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoRoot, scratchDir } from './helpers/cli.js';
import { slowMethodSource } from './helpers/slow-method-plugin.js';

const run = promisify(execFile);
const sbatchScript = join(repoRoot, 'deploy/slurm/run.sbatch');
const renderScript = join(repoRoot, 'deploy/kubernetes/render.mjs');

async function render(args: string[]): Promise<Record<string, any>[]> {
  const { stdout } = await run(process.execPath, [renderScript, ...args]);
  return parseAllDocuments(stdout).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS();
  });
}

describe('the Kubernetes manifests', () => {
  it('render to a spec ConfigMap, an Indexed Job of the shards and a merge Job that the Kubernetes schema accepts', async () => {
    const [configMap, shards, merge] = await render([join(repoRoot, 'benchmarks/quickstart.json'), '8', '--image', 'registry.example/saliency-bench:0.1.0']);
    new ConfigMap(configMap as never).validate();
    new Job(shards as never).validate();
    new Job(merge as never).validate();

    expect(JSON.parse(configMap.data['spec.json']).name).toBe('quickstart');
    expect(shards.spec).toMatchObject({ completionMode: 'Indexed', completions: 8, parallelism: 8 });
    const shard = shards.spec.template.spec.containers[0];
    expect(shard.args).toEqual(['run', '/spec/spec.json', '--shard', 'auto', '--out', '/runs/quickstart', '--quiet']);
    expect(shard.env).toContainEqual({ name: 'SALIENCY_BENCH_SHARD_COUNT', value: '8' });
    expect(shard.resources.limits['nvidia.com/gpu']).toBe(1);
    expect(merge.spec.template.spec.containers[0].args[0]).toMatch(/status \/runs\/quickstart --shards 8 --wait .*; saliency-bench merge \/runs\/quickstart \/runs\/quickstart/);
  });

  it('carry plugin files listed beside the spec into the ConfigMap', async () => {
    const dir = await scratchDir('render-plugin');
    await writeFile(join(dir, 'slow-method.js'), slowMethodSource);
    const spec = { name: 'My Suite', seed: 1, plugins: ['./slow-method.js'], datasets: [{ use: 'synthetic' }], methods: [{ use: 'random-peak' }], metrics: [{ use: 'pointing-game' }] };
    await writeFile(join(dir, 'suite.json'), JSON.stringify(spec));
    const [configMap, shards] = await render([join(dir, 'suite.json'), '3', '--gpus', '0', '--claim', 'lab-runs']);
    new ConfigMap(configMap as never).validate();
    new Job(shards as never).validate();
    expect(configMap.data['slow-method.js']).toContain("name: 'random-peak'");
    expect(shards.metadata.name).toBe('my-suite-shards');
    expect(shards.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe('lab-runs');
  });

  it('refuses a shard count that is not a positive integer', async () => {
    const failed = await run(process.execPath, [renderScript, join(repoRoot, 'benchmarks/quickstart.json'), '0']).catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/shards must be a positive integer \(got "0"\)/);
  });

  it('would be caught by the schema check if a field had the wrong type', () => {
    const broken = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: { completionMode: 'Indexed', completions: '8', template: { spec: { containers: [{ name: 'shard' }] } } } };
    expect(() => new Job(broken as never).validate()).toThrow(/completions must be integer/);
  });
});

describe('the Slurm script', () => {
  it('passes shellcheck', async () => {
    // .ci/run installs shellcheck (Debian package) when it is missing.
    const { stdout, stderr } = await run('shellcheck', ['--severity=style', sbatchScript]).catch((error) => {
      if (error.code === 'ENOENT') throw new Error('shellcheck is not installed: apt-get install -y shellcheck');
      throw new Error(`shellcheck found problems:\n${error.stdout}${error.stderr}`);
    });
    expect(stdout + stderr).toBe('');
  });

  it('as a launcher, submits a 0-based array with one GPU per task and a merge that waits for the whole array', async () => {
    const dir = await scratchDir('sbatch-launcher');
    // A stand-in for Slurm's sbatch that records its arguments and answers like `sbatch --parsable`.
    await writeFile(join(dir, 'sbatch'), `#!/bin/sh\necho "$@" >> "${dir}/submitted"\nwc -l < "${dir}/submitted" | sed 's/^ */70/'\n`);
    await chmod(join(dir, 'sbatch'), 0o755);
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, SLURM_SUBMIT_DIR: repoRoot, SALIENCY_BENCH_RUN_DIR: join(dir, 'run'), SALIENCY_BENCH_PARTITION: 'gpu' };
    const { stdout } = await run('bash', [sbatchScript, 'benchmarks/quickstart.json', '8'], { env });
    const [array, merge] = (await readFile(join(dir, 'submitted'), 'utf8')).trim().split('\n');
    expect(array).toContain('--array=0-7');
    expect(array).toContain('--gpus-per-task=1');
    expect(array).toContain('--partition=gpu');
    expect(array).toContain('--export=ALL,SALIENCY_BENCH_SLURM_ROLE=shard');
    expect(array).toMatch(/ \/\S+\/benchmarks\/quickstart\.json 8$/);
    expect(merge).toContain('--dependency=afterany:701');
    expect(merge).toContain('--export=ALL,SALIENCY_BENCH_SLURM_ROLE=merge');
    expect(stdout).toContain('submitted array job 701 (tasks 0-7 of 0-7) and merge job 702');
  });

  it('refuses a shard count that is not a positive integer, and a rerun of a task the array does not have', async () => {
    const failed = await run('bash', [sbatchScript, 'benchmarks/quickstart.json', 'eight'], { env: { ...process.env, SLURM_SUBMIT_DIR: repoRoot } }).catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/<shards> must be a positive integer \(got "eight"\)/);
    const outside = await run('bash', [sbatchScript, 'benchmarks/quickstart.json', '8', '3,9'], { env: { ...process.env, SLURM_SUBMIT_DIR: repoRoot } }).catch((error) => error);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/array task 9 does not exist: tasks are 0-7 for 8 shards/);
  });
});
