import type { MethodPlugin } from '@saliency-bench/core';
import { pluginShapeProblems } from '@saliency-bench/core/testing';
import { describe, expect, it } from 'vitest';
import { builtinMethods, type BuiltinMethodName } from '../src/builtins.js';
import { makeContext, makeJobs } from './helpers/fixtures.js';

const names = Object.keys(builtinMethods) as BuiltinMethodName[];
/** The reference maps need no model; every other built-in does. */
const modelFree: readonly BuiltinMethodName[] = ['center', 'random'];

describe('method plugin schemas', () => {
  for (const name of names) {
    it(`describes every option of ${name}, accepts its defaults and rejects unknown options`, async () => {
      const plugin = await builtinMethods[name]();
      expect(pluginShapeProblems(plugin, { kind: 'method', name })).toEqual([]);
      expect(plugin.needsModel).toBe(!modelFree.includes(name));
    });
  }

  for (const name of names) {
    it(`tells the user to add a model when ${name} runs without one, if it needs one`, async () => {
      const plugin: MethodPlugin = await builtinMethods[name]();
      const method = await plugin.create(plugin.defaults, { baseDir: '.', seed: 1 });
      const [job] = makeJobs(1, 16, 5);
      const run = method.explain([job], makeContext(undefined));
      if (plugin.needsModel) await expect(run).rejects.toThrow(/needs a model/);
      else expect(await run).toHaveLength(1);
    });
  }
});
