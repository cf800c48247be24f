import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';
import { partialColumn, reproducibleLeaderboard } from './helpers/leaderboard.js';

/** Every map of a run directory by its path under maps/. */
async function mapBytes(runDir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(join(runDir, 'maps'), { recursive: true, withFileTypes: true });
  const maps = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.npy'))) {
    const path = join(entry.parentPath, entry.name);
    maps.set(relative(runDir, path), await readFile(path));
  }
  return maps;
}

describe('a run directory', () => {
  it('reuses every map and record on a second run and writes a byte-identical leaderboard', async () => {
    const dir = await scratchDir('resume');
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run')));
    const first = await runCli(['run', spec, '--json']);
    expect(first.code).toBe(0);
    const firstSummary = JSON.parse(first.stdout);
    const firstCsv = await readFile(join(dir, 'run/leaderboard.csv'), 'utf8');
    expect(firstSummary.mapsComputed).toBeGreaterThan(0);

    const second = await runCli(['run', spec, '--json']);
    expect(second.code).toBe(0);
    const secondSummary = JSON.parse(second.stdout);
    expect(secondSummary.mapsComputed).toBe(0);
    expect(secondSummary.mapsReused).toBe(firstSummary.mapsComputed);
    expect(secondSummary.recordsWritten).toBe(0);
    expect(secondSummary.recordsReused).toBe(firstSummary.recordsWritten);
    expect(await readFile(join(dir, 'run/leaderboard.csv'), 'utf8')).toBe(firstCsv);
  });

  it('gives byte-identical maps and leaderboard results from three merged shards as from one run, whatever the batch size', async () => {
    const dir = await scratchDir('shards');
    const whole = await writeSpec(dir, baselineSpec(join(dir, 'whole')), 'whole.json');
    expect((await runCli(['run', whole, '--quiet'])).code).toBe(0);
    const sharded = await writeSpec(dir, baselineSpec(join(dir, 'unused'), { execution: { batchSize: 3 } }), 'sharded.json');
    for (const index of [1, 2, 3]) {
      const result = await runCli(['run', sharded, '--shard', `${index}/3`, '--out', join(dir, `shard-${index}`), '--quiet']);
      expect(result.code).toBe(0);
    }
    const merged = await runCli(['merge', join(dir, 'merged'), join(dir, 'shard-1'), join(dir, 'shard-2'), join(dir, 'shard-3')]);
    expect(merged.code).toBe(0);
    const expected = await reproducibleLeaderboard(join(dir, 'whole/leaderboard.csv'));
    expect(await reproducibleLeaderboard(join(dir, 'merged/leaderboard.csv'))).toBe(expected);
    const wholeMaps = await mapBytes(join(dir, 'whole'));
    const mergedMaps = await mapBytes(join(dir, 'merged'));
    expect([...mergedMaps.keys()].sort()).toEqual([...wholeMaps.keys()].sort());
    for (const [name, bytes] of wholeMaps) expect(Buffer.compare(bytes, mergedMaps.get(name)!)).toBe(0);
    const rebuilt = await runCli(['leaderboard', join(dir, 'merged')]);
    expect(rebuilt.code).toBe(0);
    expect(await reproducibleLeaderboard(join(dir, 'merged/leaderboard.csv'))).toBe(expected);
  });

  it('refuses to mix a changed spec into a run directory unless --fresh', async () => {
    const dir = await scratchDir('conflict');
    const out = join(dir, 'run');
    const spec = await writeSpec(dir, baselineSpec(out));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    const changed = await writeSpec(dir, baselineSpec(out, { seed: 4 }));
    const refused = await runCli(['run', changed, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/different spec.*--fresh/);
    expect((await runCli(['run', changed, '--quiet', '--fresh'])).code).toBe(0);
  });

  it('rejects a malformed --shard with exit code 2', async () => {
    const dir = await scratchDir('bad-shard');
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run')));
    const result = await runCli(['run', spec, '--shard', '4/3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid --shard "4\/3"/);
  });
});
