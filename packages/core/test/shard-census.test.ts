import { describe, expect, it } from 'vitest';
import { completenessReasons } from '../src/results/completeness.js';
import type { ManifestFile, RunManifest } from '../src/run/run-manifest.js';
import { shardCensus } from '../src/run/shard-census.js';

/** A shard manifest as a run writes it, reduced to what the census reads. */
function shard(index: number, count: number, status: RunManifest['status'], task?: RunManifest['task']): ManifestFile {
  const manifest = {
    status,
    shard: { index, count },
    task: task ?? null,
    updatedAt: '2026-11-27T05:00:00.000Z',
    progress: { samplesDone: 1, samplesTotal: 3, mapsDone: 2, mapsExpected: 6, mapsExpectedIsEstimate: true },
  } as RunManifest;
  return { file: `/run/manifest.shard-${index}-of-${count}.json`, shard: { index, count }, manifest };
}

const slurm = (index: number) => ({ scheduler: 'slurm' as const, jobId: `77_${index}`, index, host: `node${index}` });

describe('the shard census of a run directory', () => {
  it('lists the shards of a 1-based Slurm array in order, with the missing and the unfinished ones', () => {
    const census = shardCensus([shard(1, 4, 'done', slurm(1)), shard(2, 4, 'running', slurm(2)), shard(4, 4, 'done', slurm(4))]);
    expect(census.complete).toBe(false);
    expect(census.shards.map((s) => s.state)).toEqual(['done', 'running', 'missing', 'done']);
    expect(completenessReasons(census)).toEqual([
      'shard 2/4 has not finished (still running, or killed); rerun it (Slurm array task 2) to finish it [slurm 77_2 on node2, 1/3 samples, last update 2026-11-27T05:00:00.000Z]',
      'shard 3/4 missing: run it with --shard and merge (Slurm array task 3)',
    ]);
  });

  it('names Kubernetes completion indexes, which start at 0', () => {
    const pod = (index: number) => ({ scheduler: 'kubernetes' as const, jobId: 'suite-shards', index: index - 1, host: `pod-${index}` });
    const census = shardCensus([shard(1, 3, 'done', pod(1)), shard(3, 3, 'done', pod(3))]);
    expect(completenessReasons(census)).toEqual(['shard 2/3 missing: run it with --shard and merge (Kubernetes completion index 1)']);
  });

  it('expects the shards it is told about before any has started', () => {
    const census = shardCensus([], 2);
    expect(census).toMatchObject({ count: 2, complete: false });
    expect(completenessReasons(census)).toEqual(['shards 1/2, 2/2 missing: run them with --shard and merge']);
  });

  it('counts a set of shards as complete even beside an abandoned set of another count', () => {
    const census = shardCensus([shard(1, 2, 'done'), shard(2, 2, 'done'), shard(1, 3, 'interrupted')]);
    expect(census).toMatchObject({ count: 2, complete: true });
  });

  it('reports a manifest it cannot read instead of skipping its shard', () => {
    const broken: ManifestFile = { file: '/run/manifest.shard-2-of-2.json', shard: { index: 2, count: 2 }, error: 'Unexpected end of JSON input' };
    const census = shardCensus([shard(1, 2, 'done'), broken]);
    expect(census.shards[1].state).toBe('unreadable');
    expect(completenessReasons(census)).toEqual(['shard 2/2: cannot read manifest.shard-2-of-2.json (Unexpected end of JSON input); delete it and rerun shard 2/2']);
  });
});
