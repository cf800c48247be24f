/** Plugin factories: plain objects tagged with their kind, so the registry can check them. */
import type { DatasetPlugin, MethodPlugin, MetricPlugin, ModelPlugin } from './types.js';

type WithoutKind<T> = Omit<T, 'kind'>;

export function defineMethod<O>(plugin: WithoutKind<MethodPlugin<O>>): MethodPlugin<O> {
  return { ...plugin, kind: 'method' };
}

export function defineMetric<O>(plugin: WithoutKind<MetricPlugin<O>>): MetricPlugin<O> {
  return { ...plugin, kind: 'metric' };
}

export function defineDataset<O>(plugin: WithoutKind<DatasetPlugin<O>>): DatasetPlugin<O> {
  return { ...plugin, kind: 'dataset' };
}

export function defineModel<O>(plugin: WithoutKind<ModelPlugin<O>>): ModelPlugin<O> {
  return { ...plugin, kind: 'model' };
}
