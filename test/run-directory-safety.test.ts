import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { escapingDatasetSource, escapingMethodSource } from './helpers/escaping-plugins.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

/** The leaderboard without its cost columns (time spent differs between runs). */
async function resultColumns(csv: string): Promise<string[]> {
  const lines = (await readFile(csv, 'utf8')).trim().split('\n');
  const keep = lines[0].split(',').indexOf('partial') + 1;
  return lines.map((line) => line.split(',').slice(0, keep).join(','));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('paths built from plugin and dataset text', () => {
  it('refuses a method whose name would leave the run directory, naming the entry and the fix (exit 2)', async () => {
    const dir = await scratchDir('escape-name');
    const nested = join(dir, 'a/b/c');
    await writeFile(join(dir, 'escaping.js'), escapingMethodSource);
    const spec = await writeSpec(dir, baselineSpec(join(nested, 'run'), { plugins: ['./escaping.js'], methods: [{ use: '../../../../../escaped-method' }] }));
    const result = await runCli(['run', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/methods\/0\/use: the method name "(\.\.\/){5}escaped-method" \(from .*escaping\.js\) cannot name result files.*give the entry an "id" such as "escaped-method"/);
    expect((await filesUnder(dir)).filter((f) => !f.endsWith('.js') && !f.endsWith('spec.json'))).toEqual([]);

    // With an id, the same plugin runs and writes only inside the run directory.
    const withId = await writeSpec(dir, baselineSpec(join(nested, 'run'), { plugins: ['./escaping.js'], methods: [{ use: '../../../../../escaped-method', id: 'flat' }] }), 'with-id.json');
    expect((await runCli(['run', withId, '--quiet'])).code).toBe(0);
    const written = await filesUnder(dir);
    expect(written.filter((f) => !f.startsWith(join(nested, 'run')) && !f.endsWith('.js') && !f.endsWith('.json'))).toEqual([]);
  });

  it('encodes sample ids that are paths, so maps stay inside the run directory', async () => {
    const dir = await scratchDir('escape-ids');
    const nested = join(dir, 'a/b/c');
    await writeFile(join(dir, 'escaping-ids.js'), escapingDatasetSource);
    const spec = await writeSpec(dir, {
      name: 'escape-ids', plugins: ['./escaping-ids.js'], datasets: [{ use: 'escaping-ids' }],
      methods: [{ use: 'center' }], metrics: [{ use: 'pointing-game' }], output: join(nested, 'run'),
    });
    const result = await runCli(['run', spec, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const maps = (await filesUnder(join(nested, 'run/maps'))).map((f) => f.slice(join(nested, 'run/maps/escaping-ids/none/center/').length)).sort();
    expect(maps).toEqual(['%2E.%2F..%2F..%2F..%2F..%2F..%2Fescaped-0__0.npy', '%2E.%2F..%2F..%2F..%2F..%2F..%2Fescaped-1__0.npy', '%2Ftmp%2Fescaped-absolute__0.npy']);
    expect((await filesUnder(dir)).filter((f) => !f.startsWith(join(nested, 'run')) && !f.endsWith('.js') && !f.endsWith('spec.json'))).toEqual([]);
    expect(await filesUnder('/tmp/escaped-absolute__0.npy')).toEqual([]);
  });
});

describe('a run directory the store cannot vouch for', () => {
  it('--fresh refuses a non-empty directory saliency-bench did not create, and deletes nothing in it', async () => {
    const dir = await scratchDir('fresh-foreign');
    const out = join(dir, 'mine');
    await mkdir(join(out, 'maps'), { recursive: true });
    await mkdir(join(out, 'records'), { recursive: true });
    await writeFile(join(out, 'maps/holiday.npy'), 'my own array');
    await writeFile(join(out, 'records/notes.jsonl'), '{"mine": true}\n');
    await writeFile(join(out, 'thesis.tex'), 'chapter 1');
    const spec = await writeSpec(dir, baselineSpec(out));
    const result = await runCli(['run', spec, '--fresh', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mine is not a saliency-bench run directory \(no spec.json or manifest.json\) and is not empty/);
    expect((await filesUnder(out)).sort()).toEqual([join(out, 'maps/holiday.npy'), join(out, 'records/notes.jsonl'), join(out, 'thesis.tex')]);
  });

  it('--fresh in a run directory deletes only the files the store wrote', async () => {
    const dir = await scratchDir('fresh-own');
    const out = join(dir, 'run');
    const spec = await writeSpec(dir, baselineSpec(out, { datasets: [{ use: 'synthetic', options: { count: 4, width: 64, height: 64 } }] }));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    await writeFile(join(out, 'maps/README.txt'), 'notes beside the maps');
    await writeFile(join(out, 'analysis.py'), 'import numpy');
    const again = await runCli(['run', spec, '--fresh', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).mapsReused).toBe(0);
    expect(await readFile(join(out, 'maps/README.txt'), 'utf8')).toBe('notes beside the maps');
    expect(await readFile(join(out, 'analysis.py'), 'utf8')).toBe('import numpy');
  });

  it('refuses a directory with maps and records but no spec.json instead of adopting them for another spec', async () => {
    const dir = await scratchDir('lost-spec');
    const out = join(dir, 'run');
    const small = { datasets: [{ use: 'synthetic', options: { count: 4, width: 64, height: 64 } }] };
    expect((await runCli(['run', await writeSpec(dir, baselineSpec(out, { ...small, seed: 5 }), 'seed5.json'), '--quiet'])).code).toBe(0);
    await rm(join(out, 'spec.json'));
    const seed6 = await writeSpec(dir, baselineSpec(out, { ...small, seed: 6 }), 'seed6.json');
    const refused = await runCli(['run', seed6, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/run holds maps\/ or records\/ but no readable spec.json, so nothing says which spec made them; use --fresh/);
    const fresh = await runCli(['run', seed6, '--fresh', '--json']);
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.stdout).mapsReused).toBe(0);
  });
});

describe('a damaged cached map', () => {
  it('is recomputed, naming the file, whether truncated, empty or NaN, and the leaderboard comes out as before', async () => {
    const dir = await scratchDir('corrupt-map');
    const out = join(dir, 'run');
    const spec = await writeSpec(dir, baselineSpec(out, { datasets: [{ use: 'synthetic', options: { count: 4, width: 64, height: 64 } }] }));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    const expected = await resultColumns(join(out, 'leaderboard.csv'));
    const maps = (await filesUnder(join(out, 'maps/synthetic/none/random'))).filter((f) => f.endsWith('.npy')).sort();
    const [truncated, empty, nan] = maps;
    const bytes = await readFile(truncated);
    await writeFile(truncated, bytes.subarray(0, 200));
    await writeFile(empty, '');
    const nanBody = Buffer.from(await readFile(nan));
    for (let offset = 128; offset + 4 <= nanBody.length; offset += 4) nanBody.writeFloatLE(NaN, offset);
    await writeFile(nan, nanBody);
    // Records that used these maps are dropped, so the run needs the maps again.
    await rm(join(out, 'records/synthetic/none/random'), { recursive: true });

    const rerun = await runCli(['run', spec]);
    expect(rerun.code).toBe(0);
    for (const damaged of [truncated, empty, nan]) expect(rerun.stderr).toContain(`cached map ${damaged} is damaged`);
    expect(rerun.stderr).toMatch(/truncated \.npy file.*recomputing it/);
    expect(rerun.stderr).toMatch(/value NaN at pixel 0; recomputing it/);
    expect(await resultColumns(join(out, 'leaderboard.csv'))).toEqual(expected);
    expect(Buffer.compare(await readFile(truncated), bytes)).toBe(0);
  });
});
