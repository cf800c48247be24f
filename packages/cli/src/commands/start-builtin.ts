/**
 * A dataset or model for the commands that are not spec runs (`test`, `train`), made the way a run
 * makes them: the plugin from the registry's built-in tables and its create(), which fills in the
 * defaults and validates the options. A plugin that cannot start is bad input (exit code 2), named
 * as on the command line.
 */
import { Registry, type CreateContext, type Dataset, type DatasetPlugin, type ModelContext, type Classifier, type ModelPlugin } from '@saliency-bench/core';
import { builtins } from '../builtins.js';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

const registry = new Registry(builtins);

export async function builtinPlugin<K extends 'dataset' | 'model'>(kind: K, name: string, flag: string): Promise<K extends 'dataset' ? DatasetPlugin<Record<string, unknown>> : ModelPlugin<Record<string, unknown>>> {
  const found = await registry.get(kind, name);
  if (!found) throw new CliError(`${flag} ${name}: unknown ${kind}; available: ${registry.names(kind).join(', ')}`, EXIT_BAD_INPUT);
  return found.plugin as never;
}

async function started<T>(flag: string, create: () => T | Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    throw new CliError(`${flag} could not start: ${(error as Error).message}`, EXIT_BAD_INPUT);
  }
}

export async function startDataset(plugin: DatasetPlugin<Record<string, unknown>>, options: Record<string, unknown>, context: CreateContext, flag: string): Promise<Dataset> {
  return started(flag, () => plugin.create(options, context));
}

export async function startModel(plugin: ModelPlugin<Record<string, unknown>>, options: Record<string, unknown>, context: ModelContext, flag: string): Promise<Classifier> {
  return started(flag, () => plugin.create(options, context));
}
