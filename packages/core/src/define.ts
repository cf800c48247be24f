/**
 * Plugin factories: plain objects tagged with their kind, so the registry can check them. Every
 * plugin's `create` receives its options defaulted, with the preset applied, and validated, also
 * when called from code (resolving already-resolved options changes nothing); invalid options
 * reject with a PluginOptionsError that names the field.
 */
import { resolveOptions } from './spec/plugin-options.js';
import type { AnyPlugin, DatasetPlugin, MethodPlugin, MetricPlugin, ModelPlugin } from './types.js';

type WithoutKind<T> = Omit<T, 'kind'>;

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

export function defineMethod<O>(plugin: WithoutKind<MethodPlugin<O>>): MethodPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'method' });
}

export function defineMetric<O>(plugin: WithoutKind<MetricPlugin<O>>): MetricPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'metric' });
}

export function defineDataset<O>(plugin: WithoutKind<DatasetPlugin<O>>): DatasetPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'dataset' });
}

export function defineModel<O>(plugin: WithoutKind<ModelPlugin<O>>): ModelPlugin<O> {
  return withResolvedOptions({ ...plugin, kind: 'model' });
}
