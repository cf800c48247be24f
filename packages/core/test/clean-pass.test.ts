/**
 * The clean pass (model input, logits, probabilities) is made by the runner once per sample, in
 * one forward call per chunk, and reaches methods and metrics on Job.clean; from code,
 * cleanPassesOf computes what the jobs lack.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineDataset, defineMethod, defineMetric, defineModel } from '../src/define.js';
import { cleanPasses, cleanPassesOf, modelInputOf } from '../src/model/clean-pass.js';
import type { BuiltinTables } from '../src/registry/registry.js';
import { countingClassifier, emptyCounts, type CallCounts } from '../src/run/counting-classifier.js';
import { runPlan } from '../src/run/run-plan.js';
import { planSpec } from '../src/spec/load-spec.js';
import type { Classifier, Job, Sample } from '../src/types.js';

const none = { type: 'object', additionalProperties: false, properties: {} } as const;

/** logits = W x over a 1x1x2 input, 2 classes, softmax: probabilities by hand. */
function linearClassifier(): Classifier {
  const weights = [[2, 0], [0, 1]];
  return {
    info: { name: 'linear', classes: ['a', 'b'], inputShape: [1, 1, 2], activation: 'softmax', mean: [0], std: [1] },
    async forward(x, n) {
      const logits = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) logits[i * 2 + k] = weights[k][0] * x[i * 2] + weights[k][1] * x[i * 2 + 1];
      return logits;
    },
    async vjp() {
      throw new Error('unused');
    },
    async dispose() {},
  };
}

const softmax = (a: number, b: number) => [Math.exp(a) / (Math.exp(a) + Math.exp(b)), Math.exp(b) / (Math.exp(a) + Math.exp(b))];

/** Sample i: pixels [i/4, 0.6]; labels {0, 1} for even i (both classes to explain), {0} for odd. */
const sampleOf = (i: number): Sample => ({
  id: `s${i}`, image: Float32Array.from([i / 4, 0.6]), width: 2, height: 1,
  labels: i % 2 === 0 ? [0, 1] : [0], objects: [],
});

interface Seen {
  calls: number[];
  methodJobs: Job[];
  metricJobs: Job[];
}

/** A dataset of 5 samples, the counting linear model, a method and a metric that only read the clean pass. */
function builtins(counts: CallCounts, seen: Seen): BuiltinTables {
  const dataset = defineDataset({
    name: 'five', version: '1', description: 'five', schema: none, defaults: {},
    create: () => ({ classes: ['a', 'b'], size: async () => 5, load: async (i: number) => sampleOf(i) }),
  });
  const model = defineModel({
    name: 'linear', version: '1', description: 'linear', schema: none, defaults: {},
    create: () => {
      const counted = countingClassifier(linearClassifier(), counts);
      return { ...counted, forward: (x, n) => (seen.calls.push(n), counted.forward(x, n)) };
    },
  });
  const method = defineMethod({
    name: 'clean-input', version: '1', description: 'the map is the clean input', needsModel: true, schema: none, defaults: {},
    create: () => ({
      explain: async (jobs, ctx) => {
        seen.methodJobs.push(...jobs);
        const passes = await cleanPassesOf(jobs, ctx.model!);
        return passes.map((pass) => ({ map: Float32Array.from(pass.input), height: 1, width: 2 }));
      },
    }),
  });
  const metric = defineMetric({
    name: 'clean-probability', version: '1', description: 'p of the target on the clean input', needsModel: true, higherIsBetter: true, schema: none, defaults: {},
    create: () => ({
      evaluate: async (job, _, ctx) => {
        seen.metricJobs.push(job);
        const [pass] = await cleanPassesOf([job], ctx.model!);
        return { state: 'done', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value: pass.probabilities[job.classIndex] };
      },
    }),
  });
  return { dataset: { five: async () => dataset }, model: { linear: async () => model }, method: { 'clean-input': async () => method }, metric: { 'clean-probability': async () => metric } };
}

async function run(mode: 'correct' | 'ground-truth') {
  const counts = emptyCounts();
  const seen: Seen = { calls: [], methodJobs: [], metricJobs: [] };
  const spec = {
    name: 'clean', datasets: [{ use: 'five' }], models: [{ use: 'linear' }], methods: [{ use: 'clean-input' }], metrics: [{ use: 'clean-probability' }],
    targets: { mode }, execution: { batchSize: 2 },
  };
  const summary = await runPlan(await planSpec(spec, '/specs/clean.json', builtins(counts, seen)), { outDir: await mkdtemp(join(tmpdir(), 'clean-')) });
  return { counts, seen, summary };
}

describe('the clean pass', () => {
  it('is made by the runner once per sample, one forward call per chunk, whatever the methods and metrics do with it', async () => {
    const { counts, seen, summary } = await run('ground-truth');
    // Chunks of 2, 2 and 1 samples: three calls, five images, and nothing else reaches the model.
    expect(seen.calls).toEqual([2, 2, 1]);
    expect(counts.forward).toBe(5);
    // Samples 0, 2, 4 have two classes: 8 jobs, each explained and scored.
    expect(summary.mapsComputed).toBe(8);
    expect(seen.methodJobs).toHaveLength(8);
    expect(seen.metricJobs).toHaveLength(8);
    for (const job of [...seen.methodJobs, ...seen.metricJobs]) {
      const x = job.sample.image;
      expect(Array.from(job.clean!.input)).toEqual(Array.from(x));
      expect(Array.from(job.clean!.logits)).toEqual([Math.fround(2 * x[0]), x[1]]);
      const [pa, pb] = softmax(2 * x[0], x[1]);
      expect(job.clean!.probabilities[0]).toBeCloseTo(pa, 6);
      expect(job.clean!.probabilities[1]).toBeCloseTo(pb, 6);
    }
    // The two jobs of a sample share its pass.
    const ofS0 = seen.methodJobs.filter((job) => job.sample.id === 's0');
    expect(ofS0).toHaveLength(2);
    expect(ofS0[0].clean).toBe(ofS0[1].clean);
  });

  it('is the one target selection reads: the correct mode costs no extra model call', async () => {
    const { counts, seen } = await run('correct');
    expect(seen.calls).toEqual([2, 2, 1]);
    expect(counts.forward).toBe(5);
    // Softmax predicts one class, so two-label samples never match; of s1 (logits 0.5, 0.6) and
    // s3 (1.5, 0.6), labelled a, only s3 is predicted a.
    expect([...new Set(seen.methodJobs.map((job) => job.sample.id))]).toEqual(['s3']);
  });

  it('is computed from code for jobs without one, one forward call for their distinct samples', async () => {
    const counts = emptyCounts();
    const model = countingClassifier(linearClassifier(), counts);
    const [a, b] = [sampleOf(2), sampleOf(3)];
    const jobs: Job[] = [
      { sample: a, classIndex: 0, key: 's2__0' },
      { sample: a, classIndex: 1, key: 's2__1' },
      { sample: b, classIndex: 0, key: 's3__0' },
    ];
    const passes = await cleanPassesOf(jobs, model);
    expect(counts.forward).toBe(2);
    expect(passes[0]).toBe(passes[1]);
    expect(Array.from(passes[2].logits)).toEqual([1.5, Math.fround(0.6)]);
    // With the passes attached nothing more is computed; a pass of another model is not used.
    const attached = jobs.map((job, j) => ({ ...job, clean: passes[j] }));
    expect(await cleanPassesOf(attached, model)).toEqual(passes);
    expect(counts.forward).toBe(2);
    expect(modelInputOf(attached[2], model.info)).toBe(passes[2].input);
    const other = linearClassifier();
    const [again] = await cleanPasses([b], other);
    expect(again.model).toBe(other.info);
    expect(modelInputOf(attached[2], other.info)).not.toBe(passes[2].input);
    expect(Array.from(modelInputOf(attached[2], other.info))).toEqual(Array.from(passes[2].input));
  });
});
