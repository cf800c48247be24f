/** The one options pipeline: defaults, then the preset, then the given options, validated once. */
import { describe, expect, it } from 'vitest';
import { defineMethod } from '../src/define.js';
import { checkOptions, PluginOptionsError, resolveOptions } from '../src/spec/plugin-options.js';

interface Options {
  iterations: number;
  strength: number;
  mode: 'a' | 'b';
  preset: string;
}

const plugin = defineMethod<Options>({
  name: 'toy',
  version: '1',
  description: 'a toy with presets',
  needsModel: false,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      iterations: { type: 'integer', minimum: 1, description: 'steps' },
      strength: { type: 'number', description: 'from the preset' },
      mode: { type: 'string', enum: ['a', 'b'], description: 'from the preset' },
    },
  },
  defaults: { iterations: 10 },
  presets: {
    gentle: { description: 'soft', options: { strength: 1, mode: 'a' } },
    strong: { description: 'hard', options: { strength: 5, mode: 'b' } },
  },
  defaultPreset: 'gentle',
  presetAlias: 'style',
  create: (options) => ({ explain: async () => [], options }) as never,
});

describe('plugin options', () => {
  it('apply the defaults, then the default preset, and record its name', () => {
    expect(resolveOptions(plugin, {})).toEqual({ iterations: 10, strength: 1, mode: 'a', preset: 'gentle', style: 'gentle' });
  });

  it('let the named preset replace the default one and single options override both', () => {
    expect(resolveOptions(plugin, { preset: 'strong', mode: 'a', iterations: 3 })).toEqual({ iterations: 3, strength: 5, mode: 'a', preset: 'strong', style: 'strong' });
  });

  it("accept the preset's older spelling, resolve to the same options and record both names", () => {
    expect(resolveOptions(plugin, { style: 'strong' })).toEqual(resolveOptions(plugin, { preset: 'strong' }));
    expect(resolveOptions(plugin, { style: 'strong' })).toMatchObject({ preset: 'strong', style: 'strong' });
  });

  it('give the same options when resolved twice (create after the spec loader)', () => {
    const once = resolveOptions(plugin, { preset: 'strong', iterations: 2 });
    expect(resolveOptions(plugin, once)).toEqual(once);
  });

  it('name the key, the presets available and the value found for an unknown preset', () => {
    expect(checkOptions(plugin, { style: 'wild' }).problems).toEqual([
      { pointer: '/style', message: 'toy: unknown style (a preset); available: gentle, strong', found: 'wild' },
    ]);
    expect(checkOptions(plugin, { preset: 'gentle', style: 'strong' }).problems[0]).toMatchObject({ pointer: '/style', message: expect.stringMatching(/give only "preset"/) });
  });

  it('report every schema problem at once, with pointers', () => {
    const { problems } = checkOptions(plugin, { iterations: 0, mode: 'c', extra: 1 });
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/extra', '/iterations', '/mode']);
  });

  it("hand create validated, defaulted options also when the plugin is used from code", async () => {
    const created = (await plugin.create({ preset: 'strong' } as never, { baseDir: '.', seed: 1 })) as unknown as { options: Options };
    expect(created.options).toEqual({ iterations: 10, strength: 5, mode: 'b', preset: 'strong', style: 'strong' });
    await expect(plugin.create({ iterations: -1 } as never, { baseDir: '.', seed: 1 })).rejects.toThrow(PluginOptionsError);
    await expect(plugin.create({ iterations: -1 } as never, { baseDir: '.', seed: 1 })).rejects.toThrow(/toy: \/iterations must be >= 1/);
  });

  it('refuse a plugin whose default preset is not one of its presets', () => {
    expect(() => defineMethod({ ...plugin, defaultPreset: 'medium' })).toThrow(/defaultPreset must name one of its presets \(gentle, strong\)/);
  });
});
