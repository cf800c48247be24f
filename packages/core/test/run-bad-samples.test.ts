import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../src/data-error.js';
import { defineDataset, defineMethod, defineMetric } from '../src/define.js';
import type { BuiltinTables } from '../src/registry/registry.js';
import { runPlan } from '../src/run/run-plan.js';
import { planSpec } from '../src/spec/load-spec.js';
import type { Sample } from '../src/types.js';

/** Six one-pixel samples; sample 3's "file" is bad. Loads are logged to check the prefetch order. */
function toyBuiltins(log: string[], delays = { loadMs: 0, explainMs: 0 }): BuiltinTables {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const sample = (index: number): Sample => ({
    id: `s${index}`, image: new Float32Array(3), width: 1, height: 1, labels: [0],
    objects: [{ classIndex: 0, box: [0, 0, 0, 0], difficult: false }],
  });
  const dataset = defineDataset({
    name: 'toy', version: '1', description: 'toy', schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {},
    create: () => ({
      classes: ['a'],
      size: async () => 6,
      load: async (index: number) => {
        log.push(`load ${index}`);
        await sleep(delays.loadMs);
        if (index === 3) throw new DataError('/data/s3.jpg', 'the file is empty (0 bytes)');
        return sample(index);
      },
    }),
  });
  const method = defineMethod({
    name: 'flat', version: '1', description: 'flat', needsModel: false, schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {},
    create: () => ({
      explain: async (jobs) => {
        log.push(`explain ${jobs.map((job) => job.sample.id).join(',')}`);
        await sleep(delays.explainMs);
        return jobs.map(() => ({ map: new Float32Array(1), height: 1, width: 1 }));
      },
    }),
  });
  const metric = defineMetric({
    name: 'one', version: '1', description: 'one', needsModel: false, higherIsBetter: true, schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {},
    create: () => ({ higherIsBetter: true, evaluate: async (job) => ({ state: 'done', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value: 1 }) }),
  });
  return { dataset: { toy: async () => dataset }, model: {}, method: { flat: async () => method }, metric: { one: async () => metric } };
}

async function plan(log: string[], execution: Record<string, unknown>, delays?: { loadMs: number; explainMs: number }) {
  const spec = { name: 'bad-samples', datasets: [{ use: 'toy' }], methods: [{ use: 'flat' }], metrics: [{ use: 'one' }], execution };
  return planSpec(spec, '/specs/s.json', toyBuiltins(log, delays));
}

describe('the runner and bad data', () => {
  it('stops at a sample with bad data, naming its file, and keeps the chunks finished before it', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bad-'));
    const log: string[] = [];
    await expect(runPlan(await plan(log, { batchSize: 2 }), { outDir })).rejects.toThrow('/data/s3.jpg: the file is empty (0 bytes)');
    const records = await readFile(join(outDir, 'records/toy/none/flat/one.jsonl'), 'utf8');
    expect(records.trim().split('\n').map((line) => JSON.parse(line).sampleId)).toEqual(['s0', 's1']);
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('failed');
    expect(manifest.error).toContain('s3.jpg');
  });

  it('with skipBadSamples records the sample as skipped with its reason and carries on', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bad-'));
    const summary = await runPlan(await plan([], { batchSize: 2, skipBadSamples: true }), { outDir });
    expect(summary.samplesSkipped).toBe(1);
    expect(summary.recordsWritten).toBe(5);
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.counts.samplesSkipped).toBe(1);
    expect(manifest.skippedSamples).toEqual([{ dataset: 'toy', index: 3, reason: '/data/s3.jpg: the file is empty (0 bytes)' }]);
  });

  it('lets the run option override the spec field', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bad-'));
    const summary = await runPlan(await plan([], { batchSize: 2 }), { outDir, skipBadSamples: true });
    expect(summary.samplesSkipped).toBe(1);
  });
});

describe('the prefetch', () => {
  it('loads the next chunk before the current one is explained, and not further ahead', async () => {
    const log: string[] = [];
    await runPlan(await plan(log, { batchSize: 2, prefetch: 1, skipBadSamples: true }), { outDir: await mkdtemp(join(tmpdir(), 'pf-')) });
    expect(log.indexOf('load 2')).toBeLessThan(log.indexOf('explain s0,s1'));
    expect(log.indexOf('load 4')).toBeGreaterThan(log.indexOf('explain s0,s1'));
    expect(log.indexOf('load 4')).toBeLessThan(log.indexOf('explain s2'));
  });

  it('with prefetch 0 loads each chunk only when it is needed', async () => {
    const log: string[] = [];
    await runPlan(await plan(log, { batchSize: 2, prefetch: 0, skipBadSamples: true }), { outDir: await mkdtemp(join(tmpdir(), 'pf-')) });
    expect(log).toEqual(['load 0', 'load 1', 'explain s0,s1', 'load 2', 'load 3', 'explain s2', 'load 4', 'load 5', 'explain s4,s5']);
  });

  it('reports the time spent waiting for data: every load without prefetch, the first only with it', async () => {
    // Loads take 30 ms, each chunk's work 120 ms: without prefetch the runner waits for all three
    // chunks (>= 90 ms); with it, for the first (the others load during the work before them).
    const delays = { loadMs: 30, explainMs: 120 };
    const run = async (prefetch: number) =>
      (await runPlan(await plan([], { batchSize: 2, prefetch, skipBadSamples: true }, delays), { outDir: await mkdtemp(join(tmpdir(), 'pf-')) })).timings;
    const without = await run(0);
    const withPrefetch = await run(1);
    expect(without.dataWaitMs).toBeGreaterThanOrEqual(89);
    expect(withPrefetch.dataWaitMs).toBeGreaterThanOrEqual(29);
    expect(withPrefetch.dataWaitMs).toBeLessThan(without.dataWaitMs - 40);
    expect(without.wallMs).toBeGreaterThan(without.dataWaitMs + 3 * 119);
  });
});
