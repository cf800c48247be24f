import { Ajv } from 'ajv';
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
      expect(plugin.name).toBe(name);
      expect(plugin.needsModel).toBe(!modelFree.includes(name));
      const schema = plugin.schema as { additionalProperties: boolean; properties: Record<string, { description?: string }> };
      expect(schema.additionalProperties).toBe(false);
      for (const [key, property] of Object.entries(schema.properties)) expect(property.description, key).toBeTruthy();
      const validate = new Ajv({ strict: false }).compile(plugin.schema);
      expect(validate(plugin.defaults), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...plugin.defaults, unknownOption: 1 })).toBe(false);
    });
  }

  for (const name of names) {
    it(`tells the user to add a model when ${name} runs without one, if it needs one`, async () => {
      const plugin = await builtinMethods[name]();
      const method = await plugin.create(plugin.defaults, { baseDir: '.', seed: 1 });
      const [job] = makeJobs(1, 16, 5);
      const run = method.explain([job], makeContext(undefined));
      if (plugin.needsModel) await expect(run).rejects.toThrow(/needs a model/);
      else expect(await run).toHaveLength(1);
    });
  }
});
