/**
 * The one options pipeline: a plugin's options are its defaults, then the chosen preset's
 * settings, then what the spec (or the caller) gave; the result is checked against the plugin's
 * schema once. The spec loader reports the problems with their pointers; `define*`'s `create`
 * throws them, so a plugin used from code gets validated, defaulted options too.
 */
import type { ValidateFunction } from 'ajv';
import type { AnyPlugin, PluginPreset } from '../types.js';
import { createAjv, toProblems } from './ajv-problems.js';
import { ceilingProblems } from './option-ceiling.js';
import type { SpecProblem } from './spec-error.js';

/** The option that names a preset, for every plugin that has presets. */
export const PRESET_OPTION = 'preset';

type PresetHolder = Pick<AnyPlugin, 'name' | 'schema' | 'defaults'> & {
  presets?: Record<string, PluginPreset<any>>;
  defaultPreset?: string;
  presetAlias?: string;
};

const ajv = createAjv();
const validators = new WeakMap<object, ValidateFunction>();

/** The plugin's schema, with `preset` added when it has presets. */
export function optionsSchema(plugin: PresetHolder): Record<string, unknown> {
  if (!plugin.presets) return plugin.schema;
  const names = Object.keys(plugin.presets);
  const properties = (plugin.schema.properties ?? {}) as Record<string, unknown>;
  const preset = {
    type: 'string',
    enum: names,
    description: `Settings to start from: ${names.map((name) => `'${name}' (${plugin.presets![name].description})`).join(', ')}; default '${plugin.defaultPreset}'. Options given alongside override it.`,
  };
  const alias = plugin.presetAlias ? { [plugin.presetAlias]: { type: 'string', enum: names, description: `The older name of "${PRESET_OPTION}"; still accepted, and recorded beside it.` } } : {};
  return { ...plugin.schema, properties: { [PRESET_OPTION]: preset, ...alias, ...properties } };
}

/** Defaults, then the preset (named by `preset`, its older spelling, or the default), then `given`. */
export function mergeOptions(plugin: PresetHolder, given: Record<string, unknown>): { options: Record<string, unknown>; problems: SpecProblem[] } {
  const defaults = structuredClone(plugin.defaults as Record<string, unknown>);
  if (!plugin.presets) return { options: { ...defaults, ...given }, problems: [] };
  const { [PRESET_OPTION]: named, ...rest } = given;
  const problems: SpecProblem[] = [];
  let name = named;
  const alias = plugin.presetAlias;
  if (alias !== undefined && rest[alias] !== undefined) {
    // The older spelling of the preset (ep's `benchmark`, rp's `reference`) still works.
    if (named !== undefined && named !== rest[alias]) {
      problems.push({ pointer: `/${alias}`, message: `"${alias}" is the older name of "${PRESET_OPTION}"; give only "${PRESET_OPTION}"`, found: rest[alias] });
    }
    name ??= rest[alias];
    delete rest[alias];
  }
  name ??= plugin.defaultPreset;
  const preset = typeof name === 'string' && Object.hasOwn(plugin.presets, name) ? plugin.presets[name] : undefined;
  if (!preset) {
    const key = named === undefined && alias !== undefined && given[alias] !== undefined ? alias : PRESET_OPTION;
    problems.push({ pointer: `/${key}`, message: `${plugin.name}: unknown ${key} (a preset); available: ${Object.keys(plugin.presets).join(', ')}`, found: name });
    return { options: { ...defaults, ...rest }, problems };
  }
  // The older spelling is recorded too, so readers of spec.json that know only it keep working.
  const recorded = alias === undefined ? { [PRESET_OPTION]: name } : { [PRESET_OPTION]: name, [alias]: name };
  return { options: { ...defaults, ...structuredClone(preset.options), ...rest, ...recorded }, problems };
}

/** Merged options and every problem with them (pointers relative to the options object). */
export function checkOptions(plugin: PresetHolder, given: Record<string, unknown>): { options: Record<string, unknown>; problems: SpecProblem[] } {
  const { options, problems } = mergeOptions(plugin, given);
  if (problems.length > 0) return { options, problems };
  let validate = validators.get(plugin);
  if (!validate) {
    validate = ajv.compile(optionsSchema(plugin));
    validators.set(plugin, validate);
  }
  if (!validate(options)) return { options, problems: toProblems(validate.errors, options) };
  return { options, problems: ceilingProblems(plugin.schema, options, '') };
}

export class PluginOptionsError extends Error {
  constructor(
    readonly plugin: string,
    readonly problems: SpecProblem[],
  ) {
    super(`invalid options for ${plugin}: ${problems.map((p) => `${p.pointer || '/'} ${p.message}${p.found === undefined ? '' : ` (found ${JSON.stringify(p.found)})`}`).join('; ')}`);
    this.name = 'PluginOptionsError';
  }
}

/** Validated, defaulted options, or a PluginOptionsError listing every problem. */
export function resolveOptions<Options>(plugin: PresetHolder, given: Partial<Options> | Record<string, unknown> = {}): Options {
  const { options, problems } = checkOptions(plugin, given as Record<string, unknown>);
  if (problems.length > 0) throw new PluginOptionsError(plugin.name, problems);
  return options as Options;
}
