/** Every built-in method declares the outputs its attributions hold (MethodPlugin.outputs): 'probs' exactly when it returns them. */
import { declaredOutputs, type MethodPlugin } from '@saliency-bench/core';
import { describe, expect, it } from 'vitest';
import { builtinMethods, type BuiltinMethodName } from '../src/builtins.js';
import { makeContext, makeJobs } from './helpers/fixtures.js';
import { loadOnnxCnn } from './helpers/onnx-cnn.js';

const settings = {
  rp: { iterations: 1, imageSize: 8 },
  mp: { iterations: 1, maskScale: 4 },
  ep: { iterations: 1, step: 4, sigma: 6 },
  rise: { masks: 16, batch: 16 },
  gradient: {},
  gradcam: { layer: 'features' },
  center: {},
  random: {},
} satisfies Record<BuiltinMethodName, Record<string, unknown>>;

describe('declared outputs of the built-in methods', () => {
  for (const [name, options] of Object.entries(settings) as [BuiltinMethodName, Record<string, unknown>][]) {
    it(`${name} returns the outputs it declares and no other`, async () => {
      const plugin = (await builtinMethods[name]()) as MethodPlugin<Record<string, unknown>>;
      const model = await loadOnnxCnn({ size: 16, classes: 3 });
      const method = await plugin.create(options, { baseDir: '/', seed: 1 });
      const [attribution] = await method.explain(makeJobs(1, 16, 3), makeContext(model));
      const held = (['map', 'probs'] as const).filter((output) => attribution[output] !== undefined);
      expect(held).toEqual([...declaredOutputs(plugin)]);
      await model.dispose();
    });
  }
});
