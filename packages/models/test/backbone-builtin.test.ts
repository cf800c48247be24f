import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createRandom, PluginOptionsError, type Classifier, type ModelContext } from '@saliency-bench/core';
import { builtinPlugin } from '../src/backbone/builtin-plugin.js';
import { BUILTIN_CLASSES } from '../src/backbone/builtin-weights.js';
import { BACKBONE_INPUT_SIZE, BACKBONE_MEAN, BACKBONE_STD } from '../src/backbone/backbone-spec.js';

const ctx: ModelContext = { baseDir: process.cwd(), datasetClasses: [], execution: { batchSize: 8, threads: 2, provider: 'cpu' } };
let tfjs: Classifier;
let onnx: Classifier;

beforeAll(async () => {
  tfjs = await builtinPlugin.create({ engine: 'tfjs', backend: 'wasm' }, ctx);
  onnx = await builtinPlugin.create({ engine: 'onnx', backend: 'auto' }, ctx);
});

afterAll(async () => {
  await tfjs?.dispose();
  await onnx?.dispose();
});

const S = BACKBONE_INPUT_SIZE;
/** Model-space inputs: smooth random images in [0, 1], normalised like the model expects. */
function inputs(n: number, seed: string): Float32Array {
  const random = createRandom('builtin-test', seed);
  const x = new Float32Array(n * 3 * S * S);
  for (let i = 0; i < x.length; i++) {
    const c = Math.floor(i / (S * S)) % 3;
    x[i] = (random.uniform() - BACKBONE_MEAN[c]) / BACKBONE_STD[c];
  }
  return x;
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let error = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    error = Math.max(error, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return error / scale;
}

describe('the builtin model plugin', () => {
  it('ships its classes, input size, normalisation and sigmoid activation', async () => {
    const classes = (await readFile(BUILTIN_CLASSES, 'utf8')).trim().split('\n');
    for (const model of [tfjs, onnx]) {
      expect(model.info).toMatchObject({ name: 'builtin', classes, inputShape: [3, S, S], activation: 'sigmoid', mean: [...BACKBONE_MEAN], std: [...BACKBONE_STD] });
    }
    expect(builtinPlugin.defaults.engine).toBe('onnx');
  });

  it('gives the same logits on the onnx and tfjs engines (relative error < 1e-5)', async () => {
    const x = inputs(4, 'logits');
    expect(relativeError(await onnx.forward(x, 4), await tfjs.forward(x, 4))).toBeLessThan(1e-5);
  });

  it('gives the same input gradients on both engines, up to max-pool near-ties', async () => {
    const x = inputs(2, 'vjp');
    const g = createRandom('builtin-test', 'g').fillNormal(new Float32Array(2 * tfjs.info.classes.length));
    const a = await onnx.vjp(x, 2, g);
    const b = await tfjs.vjp(x, 2, g);
    // Where two values of a max-pool window differ by float rounding, the engines may route the
    // gradient to different elements (both valid subgradients); on noise inputs that touches a
    // patch of about 1-2% of the pixels. Everywhere else they agree to 1e-5 of the gradient scale.
    const scale = Math.max(...b.gInput.map(Math.abs));
    const close = a.gInput.filter((v, i) => Math.abs(v - b.gInput[i]) <= 1e-5 * scale).length;
    expect(close / a.gInput.length).toBeGreaterThan(0.97);
  });

  it('rejects an unknown engine with the choices', async () => {
    // defineModel validates the options in create: the field, the choices and what was given.
    const attempt = builtinPlugin.create({ engine: 'torch' as never, backend: 'auto' }, ctx);
    await expect(attempt).rejects.toThrow(PluginOptionsError);
    await expect(attempt).rejects.toThrow(/^invalid options for builtin: \/engine must be one of "onnx", "tfjs" \(found "torch"\)$/);
  });
});
