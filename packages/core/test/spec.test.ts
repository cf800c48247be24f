import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineDataset, defineMethod, defineMetric } from '../src/define.js';
import type { BuiltinTables } from '../src/registry/registry.js';
import { planSpec } from '../src/spec/load-spec.js';
import { canonicalJson } from '../src/spec/canonical-json.js';
import { SpecError } from '../src/spec/spec-error.js';

const toyDataset = defineDataset({
  name: 'toy', version: '1', description: 'test dataset', schema: { type: 'object', additionalProperties: false, properties: { count: { type: 'integer', minimum: 1 } } },
  defaults: { count: 2 }, create: () => ({ classes: ['a'], size: async () => 2, load: async () => { throw new Error('unused'); } }),
});
const toyMethod = defineMethod({
  name: 'flat', version: '2', description: 'test method', needsModel: false, schema: { type: 'object', additionalProperties: false, properties: { level: { type: 'number', maximum: 1 } } },
  defaults: { level: 0.5 }, create: () => ({ explain: async () => [] }),
});
const toyMetric = defineMetric({
  name: 'score', version: '1', description: 'test metric', needsModel: true, higherIsBetter: true, schema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {}, create: () => ({ higherIsBetter: true, evaluate: async () => { throw new Error('unused'); } }),
});
const builtins: BuiltinTables = {
  dataset: { toy: async () => toyDataset },
  model: {},
  method: { flat: async () => toyMethod },
  metric: { score: async () => toyMetric },
};

async function problemsOf(spec: unknown): Promise<string[]> {
  try {
    await planSpec(spec, '/specs/s.json', builtins);
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.pointer}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('planSpec', () => {
  it('fills defaults, merges plugin options and records plugin versions', async () => {
    const plan = await planSpec({ name: 'x', datasets: [{ use: 'toy' }], methods: [{ use: 'flat', options: { level: 0.2 } }], metrics: [{ use: 'score' }], models: [{ use: 'flat' }] }, '/s.json', { ...builtins, model: { flat: async () => ({ ...toyMethod, kind: 'model' }) as never } });
    expect(plan.spec.seed).toBe(0);
    expect(plan.spec.targets).toEqual({ mode: 'ground-truth', k: 1 });
    expect(plan.spec.execution).toEqual({ batchSize: 8, threads: 2, provider: 'cpu', prefetch: 1, skipBadSamples: false });
    expect(plan.spec.methods[0]).toEqual({ use: 'flat', id: 'flat', version: '2', options: { level: 0.2 } });
    expect(plan.spec.datasets[0].options).toEqual({ count: 2 });
    expect(plan.spec.output).toBe('runs/x');
  });

  it('collects problems from both layers at once', async () => {
    const problems = await problemsOf({
      name: 'bad name!',
      datasets: [{ use: 'toy', options: { count: 0 } }],
      methods: [{ use: 'flat', options: { level: 3, extra: true } }, { use: 'flat' }],
      metrics: [{ use: 'score' }],
      targets: { mode: 'top-k' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name: must match pattern/),
        expect.stringMatching(/^\/datasets\/0\/options\/count: must be >= 1/),
        expect.stringMatching(/^\/methods\/0\/options\/level: must be <= 1/),
        expect.stringMatching(/^\/methods\/0\/options\/extra: unknown key "extra"; allowed keys: level/),
        expect.stringMatching(/^\/methods\/1\/id: duplicate method id "flat"/),
        expect.stringMatching(/^\/metrics\/0\/use: "score" needs a model/),
        expect.stringMatching(/^\/targets\/mode: "top-k" needs a model/),
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('hashes what changes results and not execution settings or the output path', async () => {
    const base = { name: 'x', datasets: [{ use: 'toy' }], methods: [{ use: 'flat' }], metrics: [{ use: 'score' }], models: [] };
    const noModelMetric = { ...builtins, metric: { score: async () => ({ ...toyMetric, needsModel: false }) } };
    const a = await planSpec(base, '/s.json', noModelMetric);
    const b = await planSpec({ ...base, execution: { batchSize: 1 }, output: 'elsewhere' }, '/s.json', noModelMetric);
    const c = await planSpec({ ...base, seed: 1 }, '/s.json', noModelMetric);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it('reports a plugin module that exports no plugin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spec-plugin-'));
    await writeFile(join(dir, 'empty.js'), 'export const nothing = 1;\n');
    // Plugins resolve against the spec's directory.
    let message = '';
    try {
      await planSpec({ name: 'x', plugins: ['./empty.js'], datasets: [{ use: 'toy' }], methods: [{ use: 'flat' }], metrics: [{ use: 'score' }] }, join(dir, 's.json'), builtins);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/\/plugins\/0: plugin module "\.\/empty\.js" .* exports no plugin/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: 'q' } })).toBe('{"a":{"c":"q","d":[2,{"x":0,"z":1}]},"b":1}');
  });
});
