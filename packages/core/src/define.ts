/**
 * Plugin factories: plain objects tagged with their kind, so the registry can check them. Every
 * plugin's `create` receives its options defaulted, with the preset applied, and validated, also
 * when called from code (resolving already-resolved options changes nothing); invalid options
 * reject with a PluginOptionsError that names the field.
 */
import { resolveOptions } from './spec/plugin-options.js';
import type { AnyPlugin, DatasetPlugin, MethodPlugin, MetricPlugin, ModelPlugin } from './types.js';

/**
 * What a plugin author writes: the plugin without its kind, whose `create` receives the options
 * resolved (every default present). The factory returns a plugin whose `create` takes any subset.
 */
type Definition<P extends AnyPlugin, O> = Omit<P, 'kind' | 'create'> & {
  create(options: O, ctx: Parameters<P['create']>[1]): ReturnType<P['create']>;
};

function withResolvedOptions<P extends AnyPlugin>(plugin: P): P {
  if (plugin.presets && !(plugin.defaultPreset !== undefined && Object.hasOwn(plugin.presets, plugin.defaultPreset))) {
    throw new Error(`plugin ${plugin.name}: defaultPreset must name one of its presets (${Object.keys(plugin.presets).join(', ')})`);
  }
  const create = plugin.create as (options: unknown, ctx: unknown) => unknown;
  const resolvedCreate = (options: Record<string, unknown>, ctx: unknown) => {
    let resolved: unknown;
    try {
      resolved = resolveOptions(plugin, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return create(resolved, ctx);
  };
  return { ...plugin, create: resolvedCreate } as P;
}

export function defineMethod<O>(plugin: Definition<MethodPlugin<O>, O>): MethodPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'method' } as MethodPlugin<O>);
}

export function defineMetric<O>(plugin: Definition<MetricPlugin<O>, O>): MetricPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'metric' } as MetricPlugin<O>);
}

export function defineDataset<O>(plugin: Definition<DatasetPlugin<O>, O>): DatasetPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'dataset' } as DatasetPlugin<O>);
}

export function defineModel<O>(plugin: Definition<ModelPlugin<O>, O>): ModelPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'model' } as ModelPlugin<O>);
}
