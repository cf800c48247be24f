import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';

type Row = Record<string, string>;

async function leaderboard(out: string): Promise<Row[]> {
  return parse(await readFile(join(out, 'leaderboard.csv'), 'utf8'), { columns: true }) as Row[];
}

describe('the shipped benchmark suites', () => {
  it('quick start: runs the built-in CNN with RP and the baselines, prints and writes the leaderboard and the report', async () => {
    const out = join(await scratchDir('quickstart'), 'run');
    const result = await runCli(['run', 'benchmarks/quickstart.json', '--out', out, '--report']);
    expect(result.stderr).toContain(`report: ${join(out, 'report.html')}`);
    expect(result.stderr).toMatch(/maps: \d+ computed, 0 reused, 0 failed/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rp\s+class-distortion ↑/);
    expect(result.stdout).toMatch(/deletion ↓/);
    // The "-" rows say why they are empty.
    expect(result.stdout).toMatch(/rows marked "-" have no value:\n {2}gradient × class-distortion, .*: skipped: method returns no probabilities/);
    const rows = await leaderboard(out);
    expect(Object.keys(rows[0])).toEqual(['dataset', 'model', 'method', 'metric', 'higher_is_better', 'n', 'mean', 'std', 'ci_low', 'ci_high', 'skipped', 'failed', 'partial',
      'method_forward_per_map', 'method_backward_per_map', 'method_seconds_per_map', 'method_peak_rss_mb',
      'metric_forward_per_map', 'metric_backward_per_map', 'metric_seconds_per_map', 'metric_peak_rss_mb']);
    // Cost as the runner counted it: gradient and Grad-CAM take one forward and one backward pass per
    // map; RP at least 150 iterations x 2 branches of forward + backward; the baselines none.
    const cost = (method: string, metric: string) => rows.find((r) => r.method === method && r.metric === metric)!;
    expect([Number(cost('gradient', 'pointing-game').method_forward_per_map), Number(cost('gradient', 'pointing-game').method_backward_per_map)]).toEqual([1, 1]);
    expect([Number(cost('gradcam', 'pointing-game').method_forward_per_map), Number(cost('gradcam', 'pointing-game').method_backward_per_map)]).toEqual([1, 1]);
    expect(Number(cost('rp', 'pointing-game').method_backward_per_map)).toBe(300);
    expect(Number(cost('rp', 'pointing-game').method_forward_per_map)).toBeGreaterThanOrEqual(300);
    expect(Number(cost('center', 'pointing-game').method_forward_per_map)).toBe(0);
    // The metrics' own model calls: the pointing game needs none, deletion more than the method for cheap methods.
    expect(Number(cost('gradient', 'pointing-game').metric_forward_per_map)).toBe(0);
    expect(Number(cost('gradient', 'deletion').metric_forward_per_map)).toBeGreaterThan(1);
    expect(Number(cost('rp', 'pointing-game').method_seconds_per_map)).toBeGreaterThan(Number(cost('gradient', 'pointing-game').method_seconds_per_map));
    // Six methods x six metrics: the class distortion score and its reverse (preserved) score count separately.
    expect(rows).toHaveLength(6 * 6);
    for (const row of rows) {
      expect(row.model).toBe('builtin');
      expect(Number(row.failed)).toBe(0);
      // Only RP returns the probabilities the class distortion score needs.
      if (row.metric.startsWith('class-distortion') && row.method !== 'rp') expect(Number(row.n)).toBe(0);
      else expect(Number(row.n)).toBeGreaterThan(5);
    }
    const pointing = Object.fromEntries(rows.filter((r) => r.metric === 'pointing-game').map((r) => [r.method, Number(r.mean)]));
    console.log('quick start pointing game:', pointing);
    for (const method of ['gradient', 'gradcam', 'rise']) expect(pointing[method]).toBeGreaterThan(pointing.center);
  }, 900_000); // about 4 minutes of compute on an idle 2-core machine (README); room for a busy one

  it('synthetic baselines: the centre map points far below 100% on 200 synthetic images', async () => {
    const out = join(await scratchDir('baselines'), 'run');
    const result = await runCli(['run', 'benchmarks/synthetic-baselines.json', '--out', out, '--quiet']);
    expect(result.code).toBe(0);
    const centre = (await leaderboard(out)).find((r) => r.method === 'center' && r.metric === 'pointing-game')!;
    // The synthetic scenes put objects anywhere: a centred map must not win.
    expect(Number(centre.mean)).toBeLessThan(0.4);
    expect(Number(centre.n)).toBeGreaterThan(300);
    expect(Number(centre.ci_low)).toBeLessThanOrEqual(Number(centre.mean));
    expect(Number(centre.ci_high)).toBeGreaterThanOrEqual(Number(centre.mean));
    console.log(`centre baseline pointing game on synthetic: ${centre.mean} [${centre.ci_low}, ${centre.ci_high}], n=${centre.n}, skipped=${centre.skipped}`);
  });
});
