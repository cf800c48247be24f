import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '@saliency-bench/core';
import { builtinModels } from '../src/builtins.js';
import { BUILTIN_ONNX_MODEL } from '../src/backbone/builtin-weights.js';
import { decodeModel } from '../src/onnx/proto/onnx-proto.js';
import { randomizeParameters } from '../src/onnx/runtime/randomize-parameters.js';
import { tensorDims, tensorValues } from '../src/onnx/proto/tensor-data.js';

const original = readFileSync(BUILTIN_ONNX_MODEL);

function weights(bytes: Uint8Array): Map<string, { dims: number[]; values: number[] }> {
  const graph = decodeModel(bytes).graph!;
  return new Map((graph.initializer ?? []).filter((t) => t.dataType === 1).map((t) => [t.name!, { dims: tensorDims(t), values: tensorValues(t) }]));
}

/** Names of the weight tensors of Conv/Gemm/MatMul nodes, in graph order. */
function layerWeights(bytes: Uint8Array): string[][] {
  const graph = decodeModel(bytes).graph!;
  const names = new Set((graph.initializer ?? []).map((t) => t.name));
  return (graph.node ?? []).filter((n) => ['Conv', 'Gemm', 'MatMul'].includes(n.opType!)).map((n) => n.input!.filter((i) => names.has(i)));
}

const moments = (values: number[]) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
};

describe('model parameter randomisation (onnx plugin option)', () => {
  it('re-initialises exactly the last k parameterised layers, keeping shape, mean and scale', () => {
    const layers = layerWeights(original);
    expect(layers.length).toBeGreaterThanOrEqual(6);
    const before = weights(original);
    const randomized = randomizeParameters(original, { layers: 2, seed: 3 }, 'builtin.onnx');
    expect(randomized.available).toBe(layers.length);
    const after = weights(randomized.bytes);
    const changed = new Set(layers.slice(-2).flat());
    for (const [name, { dims, values }] of before) {
      const now = after.get(name)!;
      expect(now.dims).toEqual(dims);
      if (!changed.has(name)) {
        expect(now.values).toEqual(values);
        continue;
      }
      expect(now.values).not.toEqual(values);
      if (values.length >= 100) {
        const [m0, m1] = [moments(values), moments(now.values)];
        expect(m1.std / m0.std).toBeGreaterThan(0.85);
        expect(m1.std / m0.std).toBeLessThan(1.15);
        expect(Math.abs(m1.mean - m0.mean)).toBeLessThan(0.2 * m0.std);
        // The learned structure is gone: new and old weights are uncorrelated.
        const centred = values.map((v, i) => (v - m0.mean) * (now.values[i] - m1.mean));
        expect(Math.abs(centred.reduce((s, v) => s + v, 0) / values.length / (m0.std * m1.std))).toBeLessThan(0.1);
      }
    }
  });

  it('is reproducible from its seed, and "all" reaches every layer', () => {
    const a = randomizeParameters(original, { layers: 'all', seed: 5 }, 'm');
    expect(Buffer.from(randomizeParameters(original, { layers: 'all', seed: 5 }, 'm').bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(Buffer.from(randomizeParameters(original, { layers: 'all', seed: 6 }, 'm').bytes).equals(Buffer.from(a.bytes))).toBe(false);
    const before = weights(original);
    const after = weights(a.bytes);
    for (const name of layerWeights(original).flat()) expect(after.get(name)!.values).not.toEqual(before.get(name)!.values);
    expect(() => randomizeParameters(original, { layers: 99, seed: 0 }, 'm.onnx')).toThrow(/randomize.layers is 99 but the model has only \d+ parameterised layers/);
  });

  it('changes the input gradients of the built-in model through the plugin, more as more layers are randomised', async () => {
    const plugin = await builtinModels.builtin();
    const context = { baseDir: '/', datasetClasses: [], execution: { batchSize: 2, threads: 1, provider: 'cpu' } };
    const random = createRandom('randomize-gradient');
    const [c, h, w] = [3, 96, 96];
    // A model-normalised image: uniform [0, 1] pixels under the backbone's (x - 0.5) / 0.25.
    const image = Float32Array.from({ length: c * h * w }, () => (random.uniform() - 0.5) / 0.25);
    const gradient = async (options: object) => {
      const model = await plugin.create({ ...plugin.defaults, ...options }, context);
      const g = new Float32Array(model.info.classes.length);
      g[0] = 1;
      const { gInput } = await model.vjp(image, 1, g);
      await model.dispose();
      return gInput;
    };
    const cosine = (a: Float32Array, b: Float32Array) => {
      let ab = 0, aa = 0, bb = 0;
      for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
      return ab / Math.sqrt(aa * bb);
    };
    const trained = await gradient({});
    const top = await gradient({ randomize: { layers: 1, seed: 1 } });
    const all = await gradient({ randomize: { layers: 'all', seed: 1 } });
    expect(cosine(trained, trained)).toBeCloseTo(1, 6);
    expect(cosine(trained, top)).toBeLessThan(0.9);
    expect(Math.abs(cosine(trained, all))).toBeLessThan(0.3);
  });
});
