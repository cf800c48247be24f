import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDirectoryConflict, RunStore } from '../src/run/run-store.js';
import type { ResolvedSpec } from '../src/spec/resolved-spec.js';

const spec = { name: 's' } as ResolvedSpec;
const series = { dataset: 'd', model: 'none', method: 'm' };

describe('RunStore', () => {
  it('ignores a torn last record line and keeps the next append on its own line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-'));
    const store = await RunStore.open(dir, spec, 'h1', '/s.json');
    await store.appendRecords(series, 'metric', [{ state: 'done', key: 'a', sampleId: 'a', classIndex: 0, value: 1 }]);
    await appendFile(store.recordFile(series, 'metric'), '{"state":"done","key":"b","sam');
    expect([...(await store.readRecords(series, 'metric')).keys()]).toEqual(['a']);
    await store.appendRecords(series, 'metric', [{ state: 'done', key: 'c', sampleId: 'c', classIndex: 0, value: 0 }]);
    expect([...(await store.readRecords(series, 'metric')).keys()]).toEqual(['a', 'c']);
  });

  it('round-trips a map with its probabilities', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-'));
    const store = await RunStore.open(dir, spec, 'h1', '/s.json');
    const map = Float32Array.from([0, 0.5, 1, 2, 3, 4]);
    await store.writeMap(series, 'k__1', { map, height: 2, width: 3, probs: { clean: Float32Array.from([0.25, 0.75]) } });
    const back = await store.readMap(series, 'k__1');
    expect(back.height).toBe(2);
    expect(back.width).toBe(3);
    expect(Array.from(back.map)).toEqual(Array.from(map));
    expect(Array.from(back.probs!.clean)).toEqual([0.25, 0.75]);
  });

  it('refuses a different spec hash unless fresh, which clears the results', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-'));
    const store = await RunStore.open(dir, spec, 'h1', '/s.json');
    await store.appendRecords(series, 'metric', [{ state: 'done', key: 'a', sampleId: 'a', classIndex: 0, value: 1 }]);
    await expect(RunStore.open(dir, spec, 'h2', '/s.json')).rejects.toBeInstanceOf(RunDirectoryConflict);
    const fresh = await RunStore.open(dir, spec, 'h2', '/s.json', true);
    expect((await fresh.readRecords(series, 'metric')).size).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'spec.json'), 'utf8')).hash).toBe('h2');
  });
});
