import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';

describe('the quick start', () => {
  it('runs benchmarks/quickstart.json, prints the leaderboard and writes the CSV columns', async () => {
    const out = join(await scratchDir('quickstart'), 'run');
    const result = await runCli(['run', 'benchmarks/quickstart.json', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pointing-game ↑/);
    const rows = parse(await readFile(join(out, 'leaderboard.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['dataset', 'model', 'method', 'metric', 'higher_is_better', 'n', 'mean', 'std', 'ci_low', 'ci_high', 'skipped', 'failed']);
    const centre = rows.find((r) => r.method === 'center' && r.metric === 'pointing-game')!;
    // The synthetic scenes put objects anywhere: a centred map must point far below 100%.
    expect(Number(centre.mean)).toBeLessThan(0.4);
    expect(Number(centre.n)).toBeGreaterThan(50);
    expect(Number(centre.ci_low)).toBeLessThanOrEqual(Number(centre.mean));
    expect(Number(centre.ci_high)).toBeGreaterThanOrEqual(Number(centre.mean));
    console.log(`centre baseline pointing game on synthetic (quick start): ${centre.mean} [${centre.ci_low}, ${centre.ci_high}], n=${centre.n}`);
  });
});
