import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir, startCli } from './helpers/cli.js';
import { slowMethodSource } from './helpers/slow-method-plugin.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';
import { partialColumn, reproducibleLeaderboard } from './helpers/leaderboard.js';

async function pluginSpec(dir: string, output: string, delayMs: number): Promise<string> {
  await writeFile(join(dir, 'random-peak.js'), slowMethodSource);
  return writeSpec(
    dir,
    baselineSpec(output, {
      plugins: ['./random-peak.js'],
      methods: [{ use: 'random-peak', options: { delayMs } }, { use: 'center' }],
      execution: { batchSize: 2 },
    }),
    `spec-${delayMs}.json`,
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('third-party plugins and interrupted runs', () => {
  it('runs a method plugin from a .js file beside a spec outside the repository', async () => {
    const dir = await scratchDir('plugin');
    const spec = await pluginSpec(dir, join(dir, 'run'), 0);
    const result = await runCli(['run', spec, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/random-peak\s+pointing-game ↑/);
    const listed = await runCli(['list', '--plugin', join(dir, 'random-peak.js'), '--json']);
    const names = JSON.parse(listed.stdout).map((p: { name: string }) => p.name);
    expect(names).toContain('random-peak');
  });

  it('rejects a plugin whose name clashes with a built-in, naming both sources', async () => {
    const dir = await scratchDir('clash');
    await writeFile(join(dir, 'center.js'), slowMethodSource.replace("name: 'random-peak'", "name: 'center'"));
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), { plugins: ['./center.js'] }));
    const result = await runCli(['validate', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/plugins\/0: duplicate method "center": defined in built-in and again in .*center\.js/);
  });

  it('stops cleanly on SIGINT, leaves no partial file, and resumes to the uninterrupted leaderboard', async () => {
    const dir = await scratchDir('sigint');
    const reference = await pluginSpec(dir, join(dir, 'reference'), 0);
    expect((await runCli(['run', reference, '--quiet'])).code).toBe(0);

    const out = join(dir, 'interrupted');
    const slow = await pluginSpec(dir, out, 40);
    const { child, done } = startCli(['run', slow, '--out', out]);
    const mapsDir = join(out, 'maps');
    for (let waited = 0; waited < 20_000; waited += 50) {
      const files = await filesUnder(mapsDir).catch(() => []);
      if (files.filter((f) => f.endsWith('.npy')).length >= 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const interrupted = await done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted.*rerun/);
    expect(interrupted.stdout).toMatch(/^PARTIAL leaderboard[^\n]*\n {2}- the run was interrupted; rerun the same command to finish it/);
    expect(new Set(await partialColumn(join(out, 'leaderboard.csv')))).toEqual(new Set(['true']));
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted', partial: true });
    const files = await filesUnder(out);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const mapsBefore = files.filter((f) => f.endsWith('.npy')).length;
    expect(mapsBefore).toBeGreaterThan(0);

    const resumed = await runCli(['run', slow, '--out', out, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).mapsReused).toBeGreaterThanOrEqual(mapsBefore);
    const expected = await reproducibleLeaderboard(join(dir, 'reference/leaderboard.csv'));
    expect(await reproducibleLeaderboard(join(out, 'leaderboard.csv'))).toBe(expected);
  });
});
