import { describe, expect, it } from 'vitest';
import { shardFromEnvironment, ShardEnvironmentError } from '../src/run/scheduler-shard.js';

/** The variables Slurm sets in one task of `sbatch --array=<min>-<max>[:step]`. */
function slurmArray(id: number, min: number, max: number, step = 1): Record<string, string> {
  return {
    SLURM_ARRAY_JOB_ID: '812',
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_COUNT: String((max - min) / step + 1),
    SLURM_ARRAY_TASK_STEP: String(step),
    SLURMD_NODENAME: 'gpu07',
  };
}

const refusal = (env: Record<string, string>) => {
  try {
    shardFromEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ShardEnvironmentError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('--shard auto under Slurm', () => {
  it('numbers the shards of a 0-based array 1..n in task order', () => {
    expect([0, 1, 2, 3].map((id) => shardFromEnvironment(slurmArray(id, 0, 3)).shard)).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
  });

  it('numbers the shards of a 1-based array the same way', () => {
    expect([1, 2, 3, 4].map((id) => shardFromEnvironment(slurmArray(id, 1, 4)).shard.index)).toEqual([1, 2, 3, 4]);
  });

  it('follows the step of --array=0-14:2 (8 tasks)', () => {
    expect(shardFromEnvironment(slurmArray(6, 0, 14, 2)).shard).toEqual({ index: 4, count: 8 });
  });

  it('records the array job, the task id and the node', () => {
    expect(shardFromEnvironment(slurmArray(2, 0, 3)).task).toEqual({ scheduler: 'slurm', jobId: '812_2', index: 2, host: 'gpu07' });
  });

  it('keeps the original shard count when one task of a 0-based array is resubmitted alone', () => {
    const rerun = { ...slurmArray(2, 2, 2), SALIENCY_BENCH_SHARD_COUNT: '4', SALIENCY_BENCH_SHARD_BASE: '0' };
    expect(shardFromEnvironment(rerun).shard).toEqual({ index: 3, count: 4 });
  });

  it('asks for the base when an explicit count does not match the array', () => {
    expect(refusal({ ...slurmArray(2, 2, 2), SALIENCY_BENCH_SHARD_COUNT: '4' })).toMatch(/SALIENCY_BENCH_SHARD_BASE=0 or 1/);
  });

  it('refuses an array with gaps, whose count contradicts its range', () => {
    const gaps = { ...slurmArray(3, 1, 5), SLURM_ARRAY_TASK_COUNT: '3' };
    expect(refusal(gaps)).toMatch(/SLURM_ARRAY_TASK_COUNT=3 .* spans 5 task ids/);
  });

  it('refuses a task id outside the array range', () => {
    expect(refusal(slurmArray(9, 0, 3))).toMatch(/SLURM_ARRAY_TASK_ID=9 lies outside .*0\.\.3/);
  });

  it('refuses a task id that the explicit count cannot hold', () => {
    expect(refusal({ ...slurmArray(5, 5, 5), SALIENCY_BENCH_SHARD_COUNT: '4', SALIENCY_BENCH_SHARD_BASE: '0' })).toMatch(/shard 6 of 4/);
  });

  it('refuses a task id without the array bounds', () => {
    expect(refusal({ SLURM_ARRAY_TASK_ID: '3' })).toMatch(/number of shards is unknown/);
  });

  it('refuses a value that is not a number, naming the variable', () => {
    expect(refusal({ ...slurmArray(1, 0, 3), SLURM_ARRAY_TASK_MAX: 'three' })).toMatch(/SLURM_ARRAY_TASK_MAX="three" is not a non-negative integer/);
  });

  it('says a plain Slurm job is not an array', () => {
    expect(refusal({ SLURM_JOB_ID: '77' })).toMatch(/Slurm job 77 is not an array/);
  });
});

describe('--shard auto under Kubernetes', () => {
  const pod = (index: number, count?: number) => ({
    JOB_COMPLETION_INDEX: String(index),
    ...(count === undefined ? {} : { SALIENCY_BENCH_SHARD_COUNT: String(count) }),
    SALIENCY_BENCH_JOB_ID: 'suite-shards',
    HOSTNAME: `suite-shards-${index}-x7k2p`,
  });

  it('turns completion indexes 0..n-1 into shards 1..n', () => {
    expect([0, 1, 2, 3].map((i) => shardFromEnvironment(pod(i, 4)).shard)).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
  });

  it('records the Job name, the completion index and the pod', () => {
    expect(shardFromEnvironment(pod(3, 4)).task).toEqual({ scheduler: 'kubernetes', jobId: 'suite-shards', index: 3, host: 'suite-shards-3-x7k2p' });
  });

  it('refuses without the completions count, naming the variable to set', () => {
    expect(refusal(pod(1))).toMatch(/SALIENCY_BENCH_SHARD_COUNT is not/);
  });

  it('refuses an index the count cannot hold', () => {
    expect(refusal(pod(4, 4))).toMatch(/JOB_COMPLETION_INDEX=4 but SALIENCY_BENCH_SHARD_COUNT=4/);
  });
});

describe('--shard auto elsewhere', () => {
  it('refuses when no scheduler variable is set', () => {
    expect(refusal({})).toMatch(/no scheduler index found.*--shard i\/n/);
  });

  it('refuses when both schedulers claim the process', () => {
    expect(refusal({ ...slurmArray(0, 0, 3), JOB_COMPLETION_INDEX: '0', SALIENCY_BENCH_SHARD_COUNT: '4' })).toMatch(/both SLURM_ARRAY_TASK_ID .* and JOB_COMPLETION_INDEX/);
  });
});
