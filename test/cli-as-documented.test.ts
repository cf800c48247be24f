import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './helpers/cli.js';
import { slowMethodSource } from './helpers/slow-method-plugin.js';
import { baselineSpec, writeSpec } from './helpers/specs.js';

const small = { datasets: [{ use: 'synthetic', options: { count: 4, width: 64, height: 64 } }] };

const areaMetricSource = `
export const mapMean = {
  kind: 'metric', name: 'map-mean', version: '1', description: 'Mean of the map (test plugin).', needsModel: false, higherIsBetter: false,
  schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {},
  create: () => ({ higherIsBetter: false, async evaluate(job, a) {
    return { state: 'done', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value: a.map.reduce((s, v) => s + v, 0) / a.map.length };
  } }),
};
`;

describe('leaderboard on an existing run directory', () => {
  it('needs only the metrics: a method plugin that has moved away does not matter', async () => {
    const dir = await scratchDir('leaderboard-method-moved');
    await writeFile(join(dir, 'random-peak.js'), slowMethodSource);
    const out = join(dir, 'run');
    const spec = await writeSpec(dir, baselineSpec(out, { ...small, plugins: ['./random-peak.js'], methods: [{ use: 'random-peak' }, { use: 'center' }] }));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    const expected = await readFile(join(out, 'leaderboard.csv'), 'utf8');
    await rename(join(dir, 'random-peak.js'), join(dir, 'moved.js'));
    const result = await runCli(['leaderboard', out]);
    expect(result.stderr).toBe(`leaderboard: ${join(out, 'leaderboard.csv')}\n`);
    expect(result.code).toBe(0);
    expect(await readFile(join(out, 'leaderboard.csv'), 'utf8')).toBe(expected);
  });

  it('says which metric and which plugin module are missing when a metric plugin has moved (exit 2)', async () => {
    const dir = await scratchDir('leaderboard-metric-moved');
    await writeFile(join(dir, 'map-mean.js'), areaMetricSource);
    const out = join(dir, 'run');
    const spec = await writeSpec(dir, baselineSpec(out, { ...small, plugins: ['./map-mean.js'], metrics: [{ use: 'pointing-game' }, { use: 'map-mean' }] }));
    expect((await runCli(['run', spec, '--quiet'])).code).toBe(0);
    await rename(join(dir, 'map-mean.js'), join(dir, 'moved.js'));
    const result = await runCli(['leaderboard', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/metric "map-mean" of the run's spec \(.*spec\.json\) is not available; plugin modules that did not load: cannot load plugin module "\.\/map-mean\.js" \(.*map-mean\.js\).*Restore its plugin module/);
  });
});

describe('progress on a non-terminal', () => {
  it('prints a line naming the current step while one slow method call runs for over 10 s', async () => {
    const dir = await scratchDir('heartbeat');
    await writeFile(join(dir, 'random-peak.js'), slowMethodSource);
    const spec = await writeSpec(dir, baselineSpec(join(dir, 'run'), {
      datasets: [{ use: 'synthetic', options: { count: 1, width: 32, height: 32 } }],
      plugins: ['./random-peak.js'], methods: [{ use: 'random-peak', options: { delayMs: 11_500 } }], metrics: [{ use: 'pointing-game' }],
    }));
    const result = await runCli(['run', spec]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\nprogress: 0\/1 samples, 0\.00\/s, ETA unknown \| now: samples 1-1 of 1: method random-peak \(1\/1\): computing maps 1-1 of 1 \(1\ds elapsed\)\n/);
  });
});
