/**
 * Every built-in model plugin, from the built-in table: a well-formed plugin with a closed,
 * described schema, and a classifier that keeps the Classifier contract (settings consistent with
 * its outputs, vjp's logits equal to forward's, a batch giving what its images give alone, and an
 * input gradient that agrees with central finite differences along a random direction). A new
 * built-in needs its options below, or this file does not compile.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, type Classifier, type ModelPlugin } from '@saliency-bench/core';
import { pluginShapeProblems } from '@saliency-bench/core/testing';
import { builtinModels } from '../src/builtins.js';
import { BUILTIN_TFJS_MODEL } from '../src/backbone/builtin-weights.js';
import { referenceResNet } from '../src/onnx/testing/reference-networks.js';
import { classNames, writeModel } from './onnx-support/gradcheck.js';

/** Options that open each built-in (the required ones at least), with a dataset of 3 classes. */
const fixtureOptions: Record<keyof typeof builtinModels, () => Record<string, unknown>> = {
  onnx: () => ({ path: writeModel(referenceResNet(18, { inputSize: 32, classes: 3, width: 0.0625, seed: 'conformance' }).toBytes()) }),
  tfjs: () => ({ model: BUILTIN_TFJS_MODEL, backend: 'wasm' }),
  builtin: () => ({}),
};
const context = { baseDir: '/', datasetClasses: classNames(3), execution: { batchSize: 2, threads: 1, provider: 'cpu' } };

const relativeError = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let [difference, scale] = [0, 0];
  for (let i = 0; i < a.length; i++) [difference, scale] = [Math.max(difference, Math.abs(a[i] - b[i])), Math.max(scale, Math.abs(b[i]))];
  return difference / Math.max(scale, 1e-6);
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, v, i) => sum + v * b[i], 0);

describe.each(Object.keys(builtinModels) as (keyof typeof builtinModels)[])('model %s', (name) => {
  it('is a well-formed plugin with a closed, described schema that accepts its defaults with the fixture options', async () => {
    const plugin = (await builtinModels[name]()) as ModelPlugin<Record<string, unknown>>;
    expect(pluginShapeProblems(plugin, { kind: 'model', name, options: fixtureOptions[name]() })).toEqual([]);
  });

  it('gives a classifier whose forward, batches and input gradients keep the contract', async () => {
    const plugin = (await builtinModels[name]()) as ModelPlugin<Record<string, unknown>>;
    const model: Classifier = await plugin.create({ ...plugin.defaults, ...fixtureOptions[name]() }, context);
    try {
      const { info } = model;
      const [channels, height, width] = info.inputShape;
      const K = info.classes.length;
      expect(['sigmoid', 'softmax']).toContain(info.activation);
      expect([info.mean.length, info.std.length]).toEqual([channels, channels]);
      const plane = channels * height * width;
      const random = createRandom('models-conformance', name);
      const x = Float32Array.from({ length: 2 * plane }, () => random.uniform() - 0.5);
      const logits = await model.forward(x, 2);
      expect(logits.length).toBe(2 * K);
      expect(logits.every(Number.isFinite)).toBe(true);
      const alone = await model.forward(x.subarray(plane), 1);
      expect(relativeError(alone, logits.subarray(K))).toBeLessThan(1e-5);

      const g = Float32Array.from({ length: 2 * K }, () => random.uniform() - 0.5);
      const { logits: vjpLogits, gInput } = await model.vjp(x, 2, g);
      expect(relativeError(vjpLogits, logits)).toBeLessThan(1e-5);
      expect(gInput.length).toBe(2 * plane);
      // <J^T g, d> against (g . f(x + e d) - g . f(x - e d)) / 2e along a smooth random direction.
      const direction = Float32Array.from({ length: 2 * plane }, () => random.uniform() - 0.5);
      const step = 1e-3;
      const shifted = async (sign: number) => dot(g, await model.forward(x.map((v, i) => v + sign * step * direction[i]), 2));
      const finite = ((await shifted(1)) - (await shifted(-1))) / (2 * step);
      expect(Math.abs(dot(gInput, direction) - finite)).toBeLessThan(0.05 * Math.abs(finite) + 1e-3);
    } finally {
      await model.dispose();
    }
  });
});
