import { describe, it, expect, afterAll } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinModels } from '../src/builtins.js';
import { BUILTIN_ONNX_MODEL, BUILTIN_TFJS_MODEL } from '../src/backbone/builtin-weights.js';
import { declaredSettings, MODEL_SETTING_DEFAULTS, resolveModelSettings } from '../src/settings/model-settings.js';
import { ExecutionSettingError, TENSORFLOW_THREADS_VARIABLE, tfjsExecution } from '../src/settings/execution-settings.js';
import { OnnxGraphBuilder } from '../src/onnx/compiler/graph-builder.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-settings-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const execution = { batchSize: 4, threads: 1, provider: 'cpu' };

/** A 3-class model over a 2-channel 4x4 input: GlobalAveragePool then a fixed linear layer. */
function twoChannelModel(): Uint8Array {
  const g = new OnnxGraphBuilder({ opset: 13 });
  const x = g.input('x', ['N', 2, 4, 4]);
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
  g.output(g.node('Gemm', [pooled, g.initializer('w', Float32Array.from([1, 0, 0, 1, 1, 1]), [3, 2])], { transB: 1 }), 'logits');
  return g.toBytes();
}

describe('the model-settings resolver', () => {
  it('takes each field from the options, then the model, then the default: sigmoid, ImageNet for RGB, none otherwise', async () => {
    const facts = { file: '/models/net.onnx', inputShape: [3, 8, 8] as const, defaultName: 'net' };
    const plain = await resolveModelSettings({}, facts, { datasetClasses: ['a', 'b'] });
    expect(plain).toEqual({ name: 'net', classes: ['a', 'b'], inputShape: [3, 8, 8], activation: 'sigmoid', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    const gray = await resolveModelSettings({}, { ...facts, inputShape: [1, 8, 8] }, { datasetClasses: ['a'] });
    expect([gray.mean, gray.std]).toEqual([[0], [1]]);
    const declared = declaredSettings({ activation: 'softmax', name: undefined }, { activation: 'sigmoid', name: 'from-file', classes: ['x'] });
    expect(declared).toEqual({ activation: 'softmax', name: 'from-file', classes: ['x'] });
    expect(MODEL_SETTING_DEFAULTS.activation).toBe('sigmoid');
  });

  it('refuses classes whose count differs from the outputs, and a model that names none', async () => {
    const facts = { file: '/models/net.onnx', inputShape: [3, 8, 8] as const, defaultName: 'net', classCount: 3 };
    await expect(resolveModelSettings({ classes: ['a'] }, facts)).rejects.toThrow('/models/net.onnx: the model has 3 outputs but the classes option lists 1 classes; give a class list of length 3');
    await expect(resolveModelSettings({}, facts)).rejects.toThrow(/names no classes; set the "classes" option/);
  });

  it('gives the onnx and tfjs engines the same settings for the same model folder, from its model-info.json or metadata', async () => {
    const onnx = await (await builtinModels.onnx()).create({ path: BUILTIN_ONNX_MODEL }, { baseDir: '/', datasetClasses: [], execution });
    const tfjs = await (await builtinModels.tfjs()).create({ model: BUILTIN_TFJS_MODEL, backend: 'cpu' }, { baseDir: '/', datasetClasses: [], execution });
    try {
      expect(onnx.info).toEqual(tfjs.info);
      expect(onnx.info).toMatchObject({ name: 'builtin-cnn', activation: 'sigmoid', mean: [0.5, 0.5, 0.5], inputShape: [3, 96, 96] });
    } finally {
      await onnx.dispose();
      await tfjs.dispose();
    }
  });

  it('reads classes.txt beside an .onnx file before the dataset classes, and the default activation with them', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'net.onnx'), twoChannelModel());
    writeFileSync(join(dir, 'classes.txt'), 'red\ngreen\nblue\n');
    const model = await (await builtinModels.onnx()).create({ path: 'net.onnx' }, { baseDir: dir, datasetClasses: ['p', 'q', 'r'], execution });
    try {
      expect(model.info).toEqual({ name: 'net', classes: ['red', 'green', 'blue'], inputShape: [2, 4, 4], activation: 'sigmoid', mean: [0, 0], std: [1, 1] });
    } finally {
      await model.dispose();
    }
  });

  it('keeps the files beside the original model for a randomised copy', async () => {
    const dir = scratch();
    copyFileSync(BUILTIN_ONNX_MODEL, join(dir, 'net.onnx'));
    writeFileSync(join(dir, 'model-info.json'), JSON.stringify({ name: 'mine', classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], inputShape: [3, 96, 96], activation: 'softmax', mean: [0.1, 0.2, 0.3], std: [1, 2, 3] }));
    const model = await (await builtinModels.onnx()).create({ path: join(dir, 'net.onnx'), randomize: { layers: 1 } }, { baseDir: '/', datasetClasses: [], execution });
    try {
      expect(model.info).toMatchObject({ name: 'net-randomized-1', classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], activation: 'softmax', mean: [0.1, 0.2, 0.3], std: [1, 2, 3] });
    } finally {
      await model.dispose();
    }
  });
});

describe('the engines and the run\'s execution settings', () => {
  it('tfjs refuses a provider it cannot honour, naming the field and the fix, with exit code 2', async () => {
    const plugin = await builtinModels.tfjs();
    const attempt = plugin.create({ model: BUILTIN_TFJS_MODEL, backend: 'cpu' }, { baseDir: '/', datasetClasses: [], execution: { ...execution, provider: 'webgpu' } });
    await expect(attempt).rejects.toThrow(/^execution\.provider "webgpu": the tfjs engine computes on the CPU only .*set execution\.provider to "cpu"/);
    await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
    const builtin = await builtinModels.builtin();
    await expect(builtin.create({ engine: 'tfjs', backend: 'cpu' }, { baseDir: '/', datasetClasses: [], execution: { ...execution, provider: 'cuda' } })).rejects.toThrow(/execution\.provider "cuda"/);
  });

  it('tfjs maps threads to the tensorflow backend\'s thread pool, and refuses a count the pool already has otherwise', () => {
    const env: NodeJS.ProcessEnv = {};
    tfjsExecution({ provider: 'cpu', threads: 3 }, env);
    expect(env[TENSORFLOW_THREADS_VARIABLE]).toBe('3');
    tfjsExecution({ provider: 'cpu', threads: 3 }, env);
    expect(() => tfjsExecution({ provider: 'cpu', threads: 4 }, env)).toThrow(ExecutionSettingError);
    expect(() => tfjsExecution({ provider: 'cpu', threads: 4 }, env)).toThrow(/execution\.threads 4 conflicts with TF_NUM_INTRAOP_THREADS=3/);
  });

  it('onnx passes the run\'s provider to its sessions', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'net.onnx'), twoChannelModel());
    const plugin = await builtinModels.onnx();
    const context = { baseDir: dir, datasetClasses: ['p', 'q', 'r'], execution: { ...execution, provider: 'no-such-provider' } };
    await expect(plugin.create({ path: 'net.onnx' }, context)).rejects.toThrow(/no-such-provider/);
  });
});
