/**
 * Outputs a method declares against outputs a metric requires: checked when the spec is planned;
 * a pair that cannot be scored is listed and its records skipped up front, a declared output
 * that is not delivered fails the record with the reason.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineDataset, defineMethod, defineMetric } from '../src/define.js';
import type { BuiltinTables } from '../src/registry/registry.js';
import { RunStore } from '../src/run/run-store.js';
import { runPlan } from '../src/run/run-plan.js';
import { planSpec } from '../src/spec/load-spec.js';
import { skippedPairsNotice } from '../src/spec/output-pairs.js';
import { SpecError } from '../src/spec/spec-error.js';
import type { AttributionOutput } from '../src/types.js';

const none = { type: 'object', additionalProperties: false, properties: {} } as const;

function builtins(evaluated: string[], requires: unknown = ['probs']): BuiltinTables {
  const dataset = defineDataset({
    name: 'three', version: '1', description: 'three', schema: none, defaults: {},
    create: () => ({ classes: ['a', 'b'], size: async () => 3, load: async (i: number) => ({ id: `s${i}`, image: new Float32Array(3), width: 1, height: 1, labels: [1], objects: [] }) }),
  });
  const method = (name: string, outputs: AttributionOutput[] | undefined, withProbs: boolean) =>
    defineMethod({
      name, version: '1', description: name, needsModel: false, schema: none, defaults: {}, ...(outputs ? { outputs } : {}),
      create: () => ({
        explain: async (jobs) =>
          jobs.map(() => ({ map: Float32Array.from([1]), height: 1, width: 1, ...(withProbs ? { probs: { clean: Float32Array.from([0.2, 0.8]), perturbed: Float32Array.from([0.3, 0.4]) } } : {}) })),
      }),
    });
  const metric = (name: string, needs: unknown) =>
    defineMetric({
      name, version: '1', description: name, needsModel: false, higherIsBetter: true, schema: none, defaults: {}, ...(needs ? { requires: needs as AttributionOutput[] } : {}),
      create: () => ({
        evaluate: async (job, attribution) => {
          evaluated.push(`${name}:${job.key}`);
          return { state: 'done', key: job.key, sampleId: job.sample.id, classIndex: job.classIndex, value: attribution.probs?.perturbed?.[1] ?? attribution.map[0] };
        },
      }),
    });
  return {
    dataset: { three: async () => dataset },
    model: {},
    method: {
      'with-probs': async () => method('with-probs', ['map', 'probs'], true),
      'map-only': async () => method('map-only', undefined, false),
      'broken-promise': async () => method('broken-promise', ['map', 'probs'], false),
    },
    metric: { 'reads-probs': async () => metric('reads-probs', requires), 'reads-map': async () => metric('reads-map', undefined) },
  };
}

const spec = (methods: string[]) => ({
  name: 'pairs', datasets: [{ use: 'three' }], methods: methods.map((use) => ({ use })), metrics: [{ use: 'reads-probs' }, { use: 'reads-map' }], execution: { batchSize: 2 },
});

describe('declared outputs and required outputs', () => {
  it('lists at planning the pairs whose metric requires an output the method does not declare, in one notice', async () => {
    const plan = await planSpec(spec(['with-probs', 'map-only']), '/specs/pairs.json', builtins([]));
    expect(plan.skippedPairs).toEqual([{ method: 'map-only', metric: 'reads-probs', missing: ['probs'], reason: 'method returns no probabilities' }]);
    expect(skippedPairsNotice(plan.skippedPairs)).toBe(
      'note: 1 method x metric pairs are skipped (the metric needs an output the method does not declare):\n  map-only: reads-probs (method returns no probabilities)',
    );
    expect(skippedPairsNotice([])).toBeUndefined();
  });

  it('records those pairs as skipped without evaluating them, and fails a declared output that is not delivered', async () => {
    const evaluated: string[] = [];
    const outDir = await mkdtemp(join(tmpdir(), 'pairs-'));
    const plan = await planSpec(spec(['with-probs', 'map-only', 'broken-promise']), '/specs/pairs.json', builtins(evaluated));
    const summary = await runPlan(plan, { outDir });
    const store = await RunStore.open(outDir, plan.spec, plan.hash, plan.file);
    const records = async (method: string, metric: string) => [...(await store.readRecords({ dataset: 'three', model: 'none', method }, metric)).values()];
    expect((await records('with-probs', 'reads-probs')).map((r) => [r.state, 'value' in r ? r.value : undefined])).toEqual(Array(3).fill(['done', Math.fround(0.4)]));
    expect(await records('map-only', 'reads-probs')).toEqual(['s0', 's1', 's2'].map((id) => ({ state: 'skipped', key: `${id}__1`, sampleId: id, classIndex: 1, reason: 'method returns no probabilities' })));
    expect((await records('broken-promise', 'reads-probs')).map((r) => [r.state, 'reason' in r ? r.reason : ''])).toEqual(
      Array(3).fill(['failed', 'method broken-promise declares the output "probs" but returned none']),
    );
    // Only the pairs that can be scored reached the metric; reads-map scored all three methods.
    expect(evaluated.filter((e) => e.startsWith('reads-probs'))).toHaveLength(3);
    expect(evaluated.filter((e) => e.startsWith('reads-map'))).toHaveLength(9);
    const row = summary.rows.find((r) => r.method === 'map-only' && r.metric === 'reads-probs')!;
    expect([row.n, row.skipped, row.failed, row.skipReason]).toEqual([0, 3, 0, 'method returns no probabilities']);
  });

  it('refuses an output name it does not know, naming the entry and the known names', async () => {
    const planned = planSpec(spec(['with-probs']), '/specs/pairs.json', builtins([], ['probabilities']));
    await expect(planned).rejects.toThrow(SpecError);
    await expect(planned).rejects.toThrow(
      /\/metrics\/0\/use: metric "reads-probs" declares requires \["probabilities"\]: "probabilities" is not an output; known outputs: map, probs/,
    );
  });
});
