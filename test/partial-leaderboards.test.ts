import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

async function partialColumn(runDir: string): Promise<string[]> {
  const rows = parse(await readFile(join(runDir, 'leaderboard.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  return [...new Set(rows.map((row) => row.partial))];
}

describe('a leaderboard from partial results', () => {
  it('says so for one shard and for a merge with a shard missing, and stops saying so once every shard is merged', async () => {
    const dir = await scratchDir('partial');
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'unused'), { datasets: [{ use: 'synthetic', options: { count: 6, width: 64, height: 64 } }] }));

    const first = await runCli(['run', spec, '--shard', '1/2', '--out', join(dir, 'shard-1')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^PARTIAL leaderboard/);
    expect(first.stdout).toMatch(/shard 2\/2 missing: run it with --shard and merge/);
    expect(await partialColumn(join(dir, 'shard-1'))).toEqual(['true']);
    const manifest = JSON.parse(await readFile(join(dir, 'shard-1/manifest.shard-1-of-2.json'), 'utf8'));
    expect(manifest.partial).toBe(true);
    expect(manifest.partialReasons).toEqual(['shard 2/2 missing: run it with --shard and merge']);

    const halfMerged = await runCli(['merge', join(dir, 'merged'), join(dir, 'shard-1')]);
    expect(halfMerged.code).toBe(0);
    expect(halfMerged.stdout).toMatch(/^PARTIAL leaderboard[^\n]*\n {2}- shard 2\/2 missing/);
    expect(await partialColumn(join(dir, 'merged'))).toEqual(['true']);

    expect((await runCli(['run', spec, '--shard', '2/2', '--out', join(dir, 'shard-2'), '--quiet'])).code).toBe(0);
    const merged = await runCli(['merge', join(dir, 'merged'), join(dir, 'shard-1'), join(dir, 'shard-2')]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).not.toMatch(/PARTIAL/);
    expect(await partialColumn(join(dir, 'merged'))).toEqual(['false']);
    const rebuilt = await runCli(['leaderboard', join(dir, 'merged'), '--json']);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ partial: false, partialReasons: [] });
  });
});
