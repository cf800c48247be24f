/**
 * The options `saliency-bench test` gives a dataset plugin, any built-in one: each flag sets the
 * first option of that meaning the plugin's schema has (--root: root or images), --dataset-options
 * adds any other, and a required option no flag gave is refused naming the flag.
 */
import type { DatasetPlugin } from '@saliency-bench/core';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

export interface DatasetFlags {
  dataset: string;
  root?: string;
  annotations?: string;
  split: string;
  count?: number;
  seed: number;
  'dataset-options'?: string;
}

/** Flag -> the options it may set, in order of preference. */
const FLAG_OPTIONS = { root: ['root', 'images'], annotations: ['annotations'], split: ['split'], seed: ['seed'], count: ['count'] } as const;
/** What a flag names, where the plugin's own description says more than needed. */
const FLAG_HINTS: Partial<Record<keyof typeof FLAG_OPTIONS, string>> = { annotations: 'the instances_<split>.json file' };
/** Images scored when a generated dataset takes a count and --count is not given. */
export const GENERATED_TEST_IMAGES = 1000;
/** test reads labels only: options that would decode more are turned off where a plugin has them. */
const LABELS_ONLY = { masks: false };

interface Property { description?: string; enum?: unknown[] }
type Schema = { properties?: Record<string, Property>; required?: string[] };

export function datasetOptions(plugin: DatasetPlugin<Record<string, unknown>>, flags: DatasetFlags): Record<string, unknown> {
  const schema = plugin.schema as Schema;
  const properties = schema.properties ?? {};
  const values = { root: flags.root, annotations: flags.annotations, split: flags.split, seed: flags.seed, count: flags.count ?? ('count' in properties ? GENERATED_TEST_IMAGES : undefined) };
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(LABELS_ONLY)) if (key in properties) options[key] = value;
  for (const [flag, names] of Object.entries(FLAG_OPTIONS) as [keyof typeof FLAG_OPTIONS, readonly string[]][]) {
    const option = names.find((name) => name in properties);
    if (option !== undefined && values[flag] !== undefined) options[option] = values[flag];
  }
  Object.assign(options, parseExtra(flags['dataset-options']));
  const split = properties.split?.enum;
  if (split && options.split !== undefined && !split.includes(options.split)) {
    throw new CliError(`--split ${String(options.split)}: ${flags.dataset} has the splits ${split.join(', ')}`, EXIT_BAD_INPUT);
  }
  for (const required of schema.required ?? []) {
    if (options[required] !== undefined) continue;
    const flag = (Object.keys(FLAG_OPTIONS) as (keyof typeof FLAG_OPTIONS)[]).find((f) => FLAG_OPTIONS[f].find((name) => name in properties) === required);
    const what = (flag && FLAG_HINTS[flag]) ?? describe(properties[required]);
    throw new CliError(`--dataset ${flags.dataset} needs ${flag ? `--${flag}` : `--dataset-options '{"${required}": ...}'`} (${what})`, EXIT_BAD_INPUT);
  }
  return options;
}

function parseExtra(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new CliError(`--dataset-options must be a JSON object of the dataset's options, e.g. '{"layout": "flat"}'; got ${text}`, EXIT_BAD_INPUT);
}

/** "Folder of the images, e.g. val2014 (relative ...)." -> "folder of the images, e.g. val2014". */
function describe(property: Property | undefined): string {
  const text = (property?.description ?? 'see `saliency-bench list`').replace(/\s*\(.*$/, '').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}
