import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodPhase, metricPhase, readCost } from '../src/run/cost-log.js';
import { processSeries } from '../src/run/process-series.js';
import { RunStore } from '../src/run/run-store.js';
import type { RunCounts } from '../src/run/run-events.js';
import type { ResolvedSpec } from '../src/spec/resolved-spec.js';
import type { AttributionMethod, Classifier, Job, Metric } from '../src/types.js';

/** A real (if tiny) classifier: logits = W x for 2 classes over a 1x2x2 input; its vjp is W^T g. */
function linearClassifier(): Classifier {
  const weights = [[1, 0, 0, 0], [0, 0, 0, 1]];
  return {
    info: { name: 'linear', classes: ['a', 'b'], inputShape: [1, 2, 2], activation: 'softmax', mean: [0], std: [1] },
    async forward(x, n) {
      const logits = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) for (let p = 0; p < 4; p++) logits[i * 2 + k] += weights[k][p] * x[i * 4 + p];
      return logits;
    },
    async vjp(x, n, g) {
      const gInput = new Float32Array(n * 4);
      for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) for (let p = 0; p < 4; p++) gInput[i * 4 + p] += weights[k][p] * g[i * 2 + k];
      return { logits: await this.forward(x, n), gInput };
    },
    async dispose() {},
  };
}

/** Three forward calls over the whole batch and one vjp: 3 forward + 1 (vjp) and 1 backward per map. */
const gradientTimesThree: AttributionMethod = {
  async explain(jobs, ctx) {
    const x = new Float32Array(jobs.length * 4).fill(0.5);
    for (let r = 0; r < 3; r++) await ctx.model!.forward(x, jobs.length);
    const { gInput } = await ctx.model!.vjp(x, jobs.length, new Float32Array(jobs.length * 2).fill(1));
    return jobs.map((_, i) => ({ map: gInput.slice(i * 4, i * 4 + 4), height: 2, width: 2 }));
  },
};

/** Five one-image forward calls per record. */
const fiveForwards: Metric = {
  async evaluate(job, attribution, ctx) {
    for (let i = 0; i < 5; i++) await ctx.model!.forward(new Float32Array(4), 1);
    return { state: 'done', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value: attribution.map[0] };
  },
};

const job = (id: string): Job => ({
  key: `${id}__0`, classIndex: 0,
  sample: { id, image: new Float32Array(4), width: 2, height: 2, labels: [0], objects: [] },
});

describe('cost measured by the runner', () => {
  it('counts the images through forward and backward passes per map and per record, and times them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cost-'));
    const store = await RunStore.open(dir, { name: 'c' } as ResolvedSpec, 'h', '/s.json');
    const series = { dataset: 'd', model: 'linear', method: 'm' };
    const counts: RunCounts = { mapsComputed: 0, mapsReused: 0, mapsFailed: 0, recordsWritten: 0, recordsReused: 0, recordsFailed: 0, samplesFailed: 0, samplesSkipped: 0 };
    const entry = (id: string) => ({ id, use: id, version: '1', options: {} });
    const metric = { entry: entry('five'), metric: fiveForwards, existing: new Map() };
    const run = (jobs: Job[]) => processSeries({ entry: entry('m'), method: gradientTimesThree }, [metric], jobs, {
      store, series, seed: 1, model: linearClassifier(), signal: new AbortController().signal, batchSize: 2, counts,
    });
    await run([job('a'), job('b'), job('c')]);
    const method = await readCost(store, series, methodPhase);
    // Batches of 2 and 1: (3 + 1) * 3 images forward, 3 backward, over 3 maps.
    expect(method).toMatchObject({ items: 3, forwardPerItem: 4, backwardPerItem: 1 });
    expect(method!.secondsPerItem).toBeGreaterThan(0);
    expect(method!.peakRssMb).toBeGreaterThan(1);
    expect(await readCost(store, series, metricPhase('five'))).toMatchObject({ items: 3, forwardPerItem: 5, backwardPerItem: 0 });

    // A rerun reuses the three maps and records (no cost) and pays only for the new job.
    await run([job('a'), job('b'), job('c'), job('d')]);
    expect(await readCost(store, series, methodPhase)).toMatchObject({ items: 4, forwardPerItem: 4, backwardPerItem: 1 });
    const lines = (await readFile(join(store.recordDir(series), 'cost', 'method.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.items, l.forward, l.backward])).toEqual([[2, 8, 2], [1, 4, 1], [1, 4, 1]]);
  });
});
