/**
 * A cluster run simulated through the schedulers' environment variables: four shards sharing one
 * run directory, one of them killed and rerun, then merged. The Slurm form goes through
 * deploy/slurm/run.sbatch itself (its shard and merge roles); the Kubernetes form sets what an
 * Indexed Job pod sees.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, scratchDir, type CliResult } from './helpers/cli.js';
import { slowMethodSource } from './helpers/slow-method-plugin.js';
import { writeSpec } from './helpers/specs.js';
import { partialColumn, reproducibleLeaderboard } from './helpers/leaderboard.js';

const sbatchScript = join(repoRoot, 'deploy/slurm/run.sbatch');

/** The environment without any scheduler variable the test machine itself may have set. */
function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SLURM_|JOB_COMPLETION_INDEX|SALIENCY_BENCH_)/.test(name)));
  return { ...env, FORCE_COLOR: '0', ...extra };
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: repoRoot, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

/** What Slurm sets in task `id` of an array `min..max`, plus the script's settings. */
function slurmTask(id: number, min: number, max: number, runDir: string, role = 'shard'): NodeJS.ProcessEnv {
  return cleanEnvironment({
    SLURM_JOB_ID: String(9200 + id),
    SLURM_ARRAY_JOB_ID: '9100',
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_COUNT: String(max - min + 1),
    SLURMD_NODENAME: `gpu0${id}`,
    SLURM_SUBMIT_DIR: repoRoot,
    SALIENCY_BENCH_RUN_DIR: runDir,
    SALIENCY_BENCH_SLURM_ROLE: role,
  });
}

/** What an Indexed Job pod of deploy/kubernetes sees. */
function kubernetesPod(index: number, count: number): NodeJS.ProcessEnv {
  return cleanEnvironment({ JOB_COMPLETION_INDEX: String(index), SALIENCY_BENCH_SHARD_COUNT: String(count), SALIENCY_BENCH_JOB_ID: 'suite-shards', HOSTNAME: `suite-shards-${index}-q8x2v` });
}

async function countMaps(runDir: string): Promise<number> {
  const entries = await readdir(join(runDir, 'maps'), { recursive: true }).catch(() => [] as string[]);
  return entries.filter((name) => name.endsWith('.npy')).length;
}

async function manifestOf(runDir: string, index: number, count: number) {
  return JSON.parse(await readFile(join(runDir, `manifest.shard-${index}-of-${count}.json`), 'utf8'));
}

async function suite(dir: string): Promise<string> {
  await writeFile(join(dir, 'slow-method.js'), slowMethodSource);
  return writeSpec(dir, {
    name: 'cluster',
    seed: 5,
    plugins: ['./slow-method.js'],
    datasets: [{ use: 'synthetic', options: { count: 8, width: 64, height: 64 } }],
    // Each random-peak map takes 400 ms, which leaves time to kill a shard in the middle.
    methods: [{ use: 'center' }, { use: 'random-peak', options: { delayMs: 400 } }],
    metrics: [{ use: 'pointing-game' }, { use: 'energy-pointing-game' }],
    execution: { batchSize: 2 },
    output: join(dir, 'whole'),
  });
}

describe('a cluster run of four shards', () => {
  it('under Slurm: a killed task shows in status and makes the merge partial; its rerun completes a leaderboard equal to a single run', async () => {
    const dir = await scratchDir('slurm-array');
    const spec = await suite(dir);
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    const single = await reproducibleLeaderboard(join(dir, 'whole/leaderboard.csv'));

    const runDir = join(dir, 'shared');
    for (const id of [0, 1, 3]) {
      const task = await start('bash', [sbatchScript, spec, '4'], slurmTask(id, 0, 3, runDir)).done;
      expect(task.stderr).toBe('');
      expect(task.code).toBe(0);
    }
    // Task 2 (shard 3/4) dies in the middle, as on a lost node: no chance to write its manifest.
    const before = await countMaps(runDir);
    const doomed = start('bash', [sbatchScript, spec, '4'], slurmTask(2, 0, 3, runDir));
    while ((await countMaps(runDir)) < before + 1) await sleep(25);
    doomed.child.kill('SIGKILL');
    await doomed.done;
    expect((await manifestOf(runDir, 3, 4)).status).toBe('running');

    const status = await runCli(['status', runDir]);
    expect(status.code).toBe(0);
    const rows = status.stdout.split('\n');
    expect(rows.find((row) => row.startsWith('1/4'))).toMatch(/^1\/4 +done +2\/2 +\d+\/\d+ +0 +0 +slurm 9100_0 +gpu00 +1 /);
    expect(rows.find((row) => row.startsWith('3/4'))).toMatch(/^3\/4 +running +[0-2]\/2 .* slurm 9100_2 +gpu02 +1 /);
    expect(status.stdout).toMatch(/3 of 4 shards finished\n {2}- shard 3\/4 has not finished \(still running, or killed\); rerun it \(Slurm array task 2\) to finish it \[slurm 9100_2 on gpu02, [0-2]\/2 samples, last update /);
    const statusJson = JSON.parse((await runCli(['status', runDir, '--json'])).stdout);
    expect(statusJson.shards.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'running', 'done']);

    const partialMerge = await start('bash', [sbatchScript, spec, '4'], slurmTask(0, 0, 0, runDir, 'merge')).done;
    expect(partialMerge.code).toBe(1);
    expect(partialMerge.stdout).toMatch(/^PARTIAL leaderboard/);
    expect(partialMerge.stdout).toMatch(/shard 3\/4 has not finished \(still running, or killed\); rerun it \(Slurm array task 2\) to finish it \[slurm 9100_2/);
    expect(partialMerge.stderr).toMatch(/merged leaderboard is partial/);
    expect(await partialColumn(join(runDir, 'leaderboard.csv'))).toContain('true');

    // `sbatch --array=2 …` reruns the task alone: Slurm then reports an array of one task.
    const rerun = await start('bash', [sbatchScript, spec, '4'], slurmTask(2, 2, 2, runDir)).done;
    expect(rerun.code).toBe(0);
    const rerunManifest = await manifestOf(runDir, 3, 4);
    expect(rerunManifest).toMatchObject({ status: 'done', shard: { index: 3, count: 4 }, task: { scheduler: 'slurm', jobId: '9100_2', index: 2 } });
    expect(rerunManifest.counts.mapsReused).toBeGreaterThanOrEqual(1);
    expect(rerunManifest.attempts.map((a: { status: string }) => a.status)).toEqual(['running', 'done']);

    const merge = await start('bash', [sbatchScript, spec, '4'], slurmTask(0, 0, 0, runDir, 'merge')).done;
    expect(merge.code).toBe(0);
    expect(merge.stdout).toMatch(/all 4 shards finished/);
    expect(await reproducibleLeaderboard(join(runDir, 'leaderboard.csv'))).toBe(single);
  });

  it('under Kubernetes: a completion index that never ran is named by leaderboard and merge until it runs', async () => {
    const dir = await scratchDir('indexed-job');
    const spec = await suite(dir);
    const runDir = join(dir, 'shared');
    for (const index of [0, 2, 3]) {
      const pod = await start(process.execPath, [join(repoRoot, 'packages/cli/dist/bin.js'), 'run', spec, '--shard', 'auto', '--out', runDir, '--quiet'], kubernetesPod(index, 4)).done;
      expect(pod.code).toBe(0);
    }
    expect((await manifestOf(runDir, 3, 4)).task).toEqual({ scheduler: 'kubernetes', jobId: 'suite-shards', index: 2, host: 'suite-shards-2-q8x2v' });

    const leaderboard = await runCli(['leaderboard', runDir, '--json']);
    expect(JSON.parse(leaderboard.stdout)).toMatchObject({ partial: true, partialReasons: ['shard 2/4 missing: run it with --shard and merge (Kubernetes completion index 1)'] });
    const partialMerge = await runCli(['merge', runDir, runDir, '--fail-partial']);
    expect(partialMerge.code).toBe(1);

    const late = await start(process.execPath, [join(repoRoot, 'packages/cli/dist/bin.js'), 'run', spec, '--shard', 'auto', '--out', runDir, '--quiet'], kubernetesPod(1, 4)).done;
    expect(late.code).toBe(0);
    const merge = await runCli(['merge', runDir, runDir, '--fail-partial']);
    expect(merge.code).toBe(0);
    expect((await runCli(['status', runDir, '--shards', '4', '--wait', '--timeout', '0'])).code).toBe(0);

    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    expect(await reproducibleLeaderboard(join(runDir, 'leaderboard.csv'))).toBe(await reproducibleLeaderboard(join(dir, 'whole/leaderboard.csv')));
  });
});
