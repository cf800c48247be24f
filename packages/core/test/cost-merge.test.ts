import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCost, methodPhase, readCost } from '../src/run/cost-log.js';
import { mergeRuns } from '../src/run/merge-runs.js';
import { RunStore } from '../src/run/run-store.js';
import type { ResolvedSpec } from '../src/spec/resolved-spec.js';

const entry = (id: string) => ({ id, use: id, version: '1', options: {} });
const spec = { name: 'c', seed: 1, datasets: [entry('d')], models: [entry('m')], methods: [entry('x')], metrics: [entry('p')] } as unknown as ResolvedSpec;
const series = { dataset: 'd', model: 'm', method: 'x' };

describe('cost logs of shards', () => {
  it('add up when shards are merged: per-map numbers over all maps, peak memory the highest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cost-merge-'));
    const shards = [];
    for (const [index, line] of [[1, { items: 2, forward: 10, backward: 4, seconds: 1, peakRss: 100 * 2 ** 20 }], [2, { items: 3, forward: 20, backward: 6, seconds: 4, peakRss: 300 * 2 ** 20 }]] as const) {
      const store = await RunStore.open(join(root, `shard-${index}`), spec, 'h', '/s.json');
      await appendCost(store, series, methodPhase, line, { index, count: 2 });
      shards.push(store.dir);
    }
    const merged = await mergeRuns(join(root, 'merged'), shards);
    expect(await readCost(merged, series, methodPhase)).toEqual({ items: 5, forwardPerItem: 6, backwardPerItem: 2, secondsPerItem: 1, peakRssMb: 300 });
  });
});
