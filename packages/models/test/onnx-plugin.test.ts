import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtinModels } from '../src/builtins.js';
import { referenceResNet } from '../src/onnx/testing/reference-networks.js';
import { classNames, randomArray, writeModel } from './onnx-support/gradcheck.js';

describe('the onnx model plugin', () => {
  it('is registered lazily and describes every option in a closed schema', async () => {
    const plugin = await builtinModels.onnx();
    expect(plugin).toMatchObject({ kind: 'model', name: 'onnx', version: '1' });
    const schema = plugin.schema as { additionalProperties: boolean; required: string[]; properties: Record<string, { description?: string }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['path']);
    for (const [name, property] of Object.entries(schema.properties)) expect(property.description, name).toBeTruthy();
  });

  it('creates a classifier from a model context, with the dataset classes as default', async () => {
    const plugin = await builtinModels.onnx();
    const path = writeModel(referenceResNet(18, { inputSize: 32, classes: 3, width: 0.0625, seed: 'plugin' }).toBytes());
    const model = await plugin.create({ ...plugin.defaults, path }, {
      baseDir: '/', datasetClasses: classNames(3), execution: { batchSize: 4, threads: 1, provider: 'cpu' },
    });
    expect(model.info.classes).toEqual(classNames(3));
    expect((await model.forward(randomArray(3 * 32 * 32, 'plugin-x'), 1)).length).toBe(3);
    await model.dispose();
  });

  it('names the provider and the fix when an execution provider is unavailable', async () => {
    const plugin = await builtinModels.onnx();
    const path = writeModel(referenceResNet(18, { inputSize: 32, classes: 3, width: 0.0625, seed: 'plugin' }).toBytes());
    const context = { baseDir: '/', datasetClasses: classNames(3), execution: { batchSize: 4, threads: 1, provider: 'cpu' } };
    await expect(plugin.create({ path, executionProviders: ['no-such-ep'] }, context)).rejects.toThrow(/no-such-ep/);
  });

  it('does not load onnxruntime when the builtins map or the plugin module is imported', () => {
    const builtins = fileURLToPath(new URL('../dist/builtins.js', import.meta.url));
    const script = `
      const loaded = [];
      const dlopen = process.dlopen;
      process.dlopen = (module, file, ...rest) => { loaded.push(file); return dlopen(module, file, ...rest); };
      const { builtinModels } = await import(${JSON.stringify(builtins)});
      await builtinModels.onnx();
      console.log(JSON.stringify(loaded));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    expect(loaded.filter((file) => /onnxruntime/.test(file))).toEqual([]);
  });
});
