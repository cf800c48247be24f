/** `saliency-bench list`: every plugin with its description and options (no compute library loaded). */
import type { CommandModule } from 'yargs';
import { declaredOutputs, mergeOptions, optionsSchema, Registry, requiredOutputs, type RegisteredPlugin } from '@saliency-bench/core';
import { builtins } from '../builtins.js';

export const listCommand: CommandModule<object, { json: boolean; plugin: string[] }> = {
  command: 'list',
  describe: 'List datasets, models, methods and metrics with their options',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
      .option('plugin', { type: 'string', array: true, default: [], describe: 'Also load a plugin module (path or package name)' })
      .example('$0 list', 'show every built-in plugin')
      .example('$0 list --plugin ./my-method.js --json', 'include a third-party plugin'),
  handler: async (args) => {
    const registry = new Registry(builtins);
    for (const specifier of args.plugin) await registry.addModule(specifier, process.cwd());
    const entries = await registry.all();
    if (args.json) {
      process.stdout.write(JSON.stringify(entries.map(describe), null, 2) + '\n');
      return;
    }
    for (const entry of entries) process.stdout.write(formatEntry(entry));
  },
};

function describe({ plugin, source }: RegisteredPlugin) {
  const extra =
    plugin.kind === 'metric' ? { higherIsBetter: plugin.higherIsBetter, requires: requiredOutputs(plugin) } : plugin.kind === 'method' ? { outputs: declaredOutputs(plugin) } : {};
  const needsModel = 'needsModel' in plugin ? { needsModel: plugin.needsModel } : {};
  const presets = plugin.presets ? { presets: plugin.presets, defaultPreset: plugin.defaultPreset } : {};
  return { kind: plugin.kind, name: plugin.name, version: plugin.version, description: plugin.description, source, ...extra, ...needsModel, defaults: plugin.defaults, ...presets, schema: optionsSchema(plugin) };
}

function formatEntry({ plugin, source }: RegisteredPlugin): string {
  const properties = (optionsSchema(plugin).properties ?? {}) as Record<string, { description?: string }>;
  // What an entry without options gets: the defaults with the default preset applied.
  const defaults = mergeOptions(plugin, {}).options;
  const options = Object.entries(properties).map(
    ([name, schema]) => `      ${name}${name in defaults ? ` = ${JSON.stringify(defaults[name])}` : ''}${schema.description ? `  ${schema.description}` : ''}`,
  );
  const origin = source === 'built-in' ? '' : `  [${source}]`;
  const presets = Object.entries(plugin.presets ?? {}).map(
    ([name, preset]) => `      preset ${name}${name === plugin.defaultPreset ? ' (default)' : ''}: ${preset.description}; ${JSON.stringify(preset.options)}`,
  );
  return [`${plugin.kind} ${plugin.name}@${plugin.version}${origin}`, `    ${plugin.description}`, ...options, ...presets, ''].join('\n') + '\n';
}
