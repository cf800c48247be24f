/**
 * "--shard auto": this process's shard from the scheduler that started it.
 *
 * - Slurm job arrays set SLURM_ARRAY_TASK_ID and the array's MIN, MAX, COUNT (and STEP); the array
 *   may start at 0 or 1 (or anywhere), so the shard is the task's position in MIN..MAX.
 * - Kubernetes Indexed Jobs set JOB_COMPLETION_INDEX (0-based) but not the completions count,
 *   so the pod spec must pass it as SALIENCY_BENCH_SHARD_COUNT (deploy/kubernetes does).
 * - SALIENCY_BENCH_SHARD_COUNT with SALIENCY_BENCH_SHARD_BASE also lets a Slurm rerun of a few
 *   tasks (`sbatch --array=3 …`) keep the original shard count.
 *
 * Anything missing, malformed or contradictory is refused: a wrong guess would silently run the
 * wrong slice, and the leaderboard would quietly miss samples.
 */
import { hostname } from 'node:os';
import type { Shard } from './run-store.js';

export const SHARD_COUNT_VARIABLE = 'SALIENCY_BENCH_SHARD_COUNT';
export const SHARD_BASE_VARIABLE = 'SALIENCY_BENCH_SHARD_BASE';
export const JOB_ID_VARIABLE = 'SALIENCY_BENCH_JOB_ID';

/** Who started a shard, as recorded in its manifest. */
export interface SchedulerTask {
  scheduler: 'slurm' | 'kubernetes';
  /** Slurm: `<array job id>_<task id>`; Kubernetes: the Job's name (from SALIENCY_BENCH_JOB_ID). */
  jobId: string;
  /** The scheduler's own index of this task (Slurm task id, Kubernetes completion index). */
  index: number;
  host: string;
}

export class ShardEnvironmentError extends Error {}

type Environment = Record<string, string | undefined>;

export function shardFromEnvironment(env: Environment = process.env): { shard: Shard; task: SchedulerTask } {
  const slurm = env.SLURM_ARRAY_TASK_ID !== undefined;
  const kubernetes = env.JOB_COMPLETION_INDEX !== undefined;
  if (slurm && kubernetes) {
    throw new ShardEnvironmentError(
      `--shard auto: both SLURM_ARRAY_TASK_ID (${env.SLURM_ARRAY_TASK_ID}) and JOB_COMPLETION_INDEX (${env.JOB_COMPLETION_INDEX}) are set; ` +
        'cannot tell which scheduler owns this process: unset one, or give --shard i/n',
    );
  }
  if (slurm) return slurmShard(env);
  if (kubernetes) return kubernetesShard(env);
  const hint = env.SLURM_JOB_ID !== undefined ? ` (Slurm job ${env.SLURM_JOB_ID} is not an array: submit it with --array=0-<n-1>)` : '';
  throw new ShardEnvironmentError(
    `--shard auto: no scheduler index found${hint}; it reads SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN/MAX/COUNT (a Slurm job array) ` +
      `or JOB_COMPLETION_INDEX with ${SHARD_COUNT_VARIABLE} (a Kubernetes Indexed Job); outside a scheduler give --shard i/n`,
  );
}

function slurmShard(env: Environment): { shard: Shard; task: SchedulerTask } {
  const id = integer(env, 'SLURM_ARRAY_TASK_ID')!;
  const min = integer(env, 'SLURM_ARRAY_TASK_MIN');
  const max = integer(env, 'SLURM_ARRAY_TASK_MAX');
  const count = integer(env, 'SLURM_ARRAY_TASK_COUNT');
  const step = integer(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
  if (step < 1) throw invalid('SLURM_ARRAY_TASK_STEP', env, 'a positive integer');
  const span = min !== undefined && max !== undefined ? spanCount(min, max, step) : undefined;
  if (min !== undefined && max !== undefined && (id < min || id > max)) {
    throw new ShardEnvironmentError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} lies outside SLURM_ARRAY_TASK_MIN..MAX (${min}..${max}); the Slurm variables contradict each other`);
  }
  const explicit = integer(env, SHARD_COUNT_VARIABLE);
  let shard: Shard;
  if (explicit !== undefined) {
    if (explicit < 1) throw invalid(SHARD_COUNT_VARIABLE, env, 'a positive integer');
    const base = integer(env, SHARD_BASE_VARIABLE) ?? (span === explicit && (count ?? span) === explicit ? min : undefined);
    if (base === undefined) {
      throw new ShardEnvironmentError(
        `--shard auto: ${SHARD_COUNT_VARIABLE}=${explicit} but this Slurm array (${describeArray(min, max, count)}) does not show whether its ids start at 0 or 1; ` +
          `set ${SHARD_BASE_VARIABLE}=0 or 1 (deploy/slurm/run.sbatch does)`,
      );
    }
    shard = { index: id - base + 1, count: explicit };
  } else {
    if (min === undefined || (max === undefined && count === undefined)) {
      throw new ShardEnvironmentError(
        `--shard auto: SLURM_ARRAY_TASK_ID=${id} is set but not SLURM_ARRAY_TASK_MIN with SLURM_ARRAY_TASK_MAX or SLURM_ARRAY_TASK_COUNT, ` +
          `so the number of shards is unknown; set ${SHARD_COUNT_VARIABLE} and ${SHARD_BASE_VARIABLE}, or give --shard i/n`,
      );
    }
    if (count !== undefined && span !== undefined && count !== span) {
      throw new ShardEnvironmentError(
        `--shard auto: SLURM_ARRAY_TASK_COUNT=${count} but ${describeArray(min, max, count)} spans ${span} task ids: the array has gaps (e.g. --array=1,3,5) or ` +
          `is a rerun of some tasks; submit a contiguous range (--array=0-${(count ?? span) - 1}), or set ${SHARD_COUNT_VARIABLE} and ${SHARD_BASE_VARIABLE}`,
      );
    }
    if ((id - min) % step !== 0) {
      throw new ShardEnvironmentError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} is not on the array's step (${min}, ${min + step}, …); the Slurm variables contradict each other`);
    }
    shard = { index: (id - min) / step + 1, count: (count ?? span)! };
  }
  if (shard.index < 1 || shard.index > shard.count) {
    throw new ShardEnvironmentError(
      `--shard auto: SLURM_ARRAY_TASK_ID=${id} gives shard ${shard.index} of ${shard.count}, outside 1..${shard.count}; check ${SHARD_COUNT_VARIABLE}/${SHARD_BASE_VARIABLE} against the --array range`,
    );
  }
  const arrayJob = env.SLURM_ARRAY_JOB_ID ?? env.SLURM_JOB_ID ?? 'unknown';
  return { shard, task: { scheduler: 'slurm', jobId: `${arrayJob}_${id}`, index: id, host: env.SLURMD_NODENAME ?? hostname() } };
}

function kubernetesShard(env: Environment): { shard: Shard; task: SchedulerTask } {
  const index = integer(env, 'JOB_COMPLETION_INDEX')!;
  const count = integer(env, SHARD_COUNT_VARIABLE);
  if (count === undefined) {
    throw new ShardEnvironmentError(
      `--shard auto: JOB_COMPLETION_INDEX=${index} is set (a Kubernetes Indexed Job) but ${SHARD_COUNT_VARIABLE} is not; ` +
        `set it in the pod's env to the Job's spec.completions (deploy/kubernetes/render.mjs does), or give --shard i/n`,
    );
  }
  if (count < 1) throw invalid(SHARD_COUNT_VARIABLE, env, 'a positive integer');
  if (index >= count) {
    throw new ShardEnvironmentError(
      `--shard auto: JOB_COMPLETION_INDEX=${index} but ${SHARD_COUNT_VARIABLE}=${count}: completion indexes run 0..${count - 1}; set ${SHARD_COUNT_VARIABLE} to the Job's spec.completions`,
    );
  }
  const host = env.HOSTNAME ?? hostname();
  return { shard: { index: index + 1, count }, task: { scheduler: 'kubernetes', jobId: env[JOB_ID_VARIABLE] ?? host, index, host } };
}

function integer(env: Environment, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text.trim())) throw invalid(name, env, 'a non-negative integer');
  return Number(text.trim());
}

function invalid(name: string, env: Environment, expected: string): ShardEnvironmentError {
  return new ShardEnvironmentError(`--shard auto: ${name}="${env[name]}" is not ${expected}`);
}

function spanCount(min: number, max: number, step: number): number {
  if (max < min || (max - min) % step !== 0) {
    throw new ShardEnvironmentError(`--shard auto: SLURM_ARRAY_TASK_MIN..MAX (${min}..${max}) is not a whole number of steps of ${step}; the Slurm variables contradict each other`);
  }
  return (max - min) / step + 1;
}

function describeArray(min?: number, max?: number, count?: number): string {
  return `SLURM_ARRAY_TASK_MIN=${min ?? 'unset'}, MAX=${max ?? 'unset'}, COUNT=${count ?? 'unset'}`;
}
