/**
 * Plugin registry: built-ins by bare name, loaded lazily; third-party plugins from module
 * specifiers listed in a spec. A name defined twice is an error naming both sources.
 */
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyPlugin, PluginKind } from '../types.js';
import { explainImportFailure } from './plugin-load-error.js';

export type PluginLoader = () => Promise<AnyPlugin>;
export type BuiltinTables = Record<PluginKind, Record<string, PluginLoader>>;

export interface RegisteredPlugin {
  plugin: AnyPlugin;
  /** Where the definition came from: "built-in" or a module path/specifier. */
  source: string;
}

export class RegistryError extends Error {}

const KINDS: readonly PluginKind[] = ['dataset', 'model', 'method', 'metric'];

export class Registry {
  private readonly external = new Map<string, RegisteredPlugin>();

  constructor(private readonly builtins: BuiltinTables) {}

  /** Import a plugin module and register every plugin it exports (named or default, single or array). */
  async addModule(specifier: string, baseDir: string): Promise<AnyPlugin[]> {
    const { url, source } = locateModule(specifier, baseDir);
    let module: Record<string, unknown>;
    try {
      module = (await import(url)) as Record<string, unknown>;
    } catch (error) {
      throw new RegistryError(`cannot load plugin module "${specifier}" (${source}): ${explainImportFailure(error, url)}`);
    }
    const plugins = Object.values(module).flatMap((value) => (Array.isArray(value) ? value : [value])).filter(isPlugin);
    const unique = [...new Set(plugins)];
    if (unique.length === 0) {
      throw new RegistryError(`plugin module "${specifier}" (${source}) exports no plugin: export objects made with defineMethod/defineMetric/defineDataset/defineModel`);
    }
    for (const plugin of unique) this.register(plugin, source);
    return unique;
  }

  register(plugin: AnyPlugin, source: string): void {
    const key = `${plugin.kind}:${plugin.name}`;
    const previous = this.external.get(key)?.source ?? (plugin.name in this.builtins[plugin.kind] ? 'built-in' : undefined);
    if (previous !== undefined) {
      throw new RegistryError(`duplicate ${plugin.kind} "${plugin.name}": defined in ${previous} and again in ${source}; rename one of them`);
    }
    this.external.set(key, { plugin, source });
  }

  names(kind: PluginKind): string[] {
    const external = [...this.external.values()].filter((entry) => entry.plugin.kind === kind).map((entry) => entry.plugin.name);
    return [...Object.keys(this.builtins[kind]), ...external];
  }

  async get(kind: PluginKind, name: string): Promise<RegisteredPlugin | undefined> {
    const external = this.external.get(`${kind}:${name}`);
    if (external) return external;
    const loader = Object.hasOwn(this.builtins[kind], name) ? this.builtins[kind][name] : undefined;
    if (!loader) return undefined;
    const plugin = await loader();
    if (!isPlugin(plugin) || plugin.kind !== kind) throw new RegistryError(`built-in ${kind} "${name}" did not load a ${kind} plugin`);
    return { plugin, source: 'built-in' };
  }

  async all(): Promise<RegisteredPlugin[]> {
    const entries: RegisteredPlugin[] = [];
    for (const kind of KINDS) {
      for (const name of this.names(kind)) entries.push((await this.get(kind, name))!);
    }
    return entries;
  }
}

function locateModule(specifier: string, baseDir: string): { url: string; source: string } {
  const looksLikePath = specifier.startsWith('.') || isAbsolute(specifier);
  if (looksLikePath) {
    const path = resolve(baseDir, specifier);
    return { url: pathToFileURL(path).href, source: path };
  }
  try {
    const path = createRequire(join(baseDir, 'spec.json')).resolve(specifier);
    return { url: pathToFileURL(path).href, source: `${specifier} (${path})` };
  } catch {
    // ESM-only packages without a "require" condition: let import() resolve it.
    return { url: specifier, source: specifier };
  }
}

export function isPlugin(value: unknown): value is AnyPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AnyPlugin>;
  return KINDS.includes(candidate.kind as PluginKind) && typeof candidate.name === 'string' && typeof candidate.create === 'function';
}
