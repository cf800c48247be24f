/**
 * Read and validate a spec in two layers: the skeleton against spec.schema.json, then each
 * plugin's options against that plugin's schema. All problems are collected before failing.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { AnyPlugin, MethodPlugin, MetricPlugin, PluginKind } from '../types.js';
import { outputListProblem, skippedPairs } from './output-pairs.js';
import { Registry, type BuiltinTables } from '../registry/registry.js';
import { createAjv, toProblems } from './ajv-problems.js';
import { canonicalJson, sha256 } from './canonical-json.js';
import { SpecError, type SpecProblem } from './spec-error.js';
import { checkOptions } from './plugin-options.js';
import { PLAIN_NAME } from '../run/safe-file-name.js';
import type { Plan, PlannedEntry, ResolvedSpec, SpecEntry } from './resolved-spec.js';

export const SPEC_SCHEMA_PATH = fileURLToPath(new URL('../../schema/spec.schema.json', import.meta.url));

const ajv = createAjv();
let skeleton: ValidateFunction | undefined;

const LISTS = [
  ['datasets', 'dataset'],
  ['models', 'model'],
  ['methods', 'method'],
  ['metrics', 'metric'],
] as const satisfies readonly (readonly [keyof ResolvedSpec, PluginKind])[];

export async function loadSpec(file: string, builtins: BuiltinTables): Promise<Plan> {
  const path = resolve(file);
  const raw = await readSpecJson(path);
  return planSpec(raw, path, builtins);
}

export async function planSpec(raw: unknown, path: string, builtins: BuiltinTables): Promise<Plan> {
  const baseDir = dirname(path);
  const data = structuredClone(raw) as Record<string, any>;
  skeleton ??= ajv.compile(JSON.parse(await readFile(SPEC_SCHEMA_PATH, 'utf8')));
  const problems: SpecProblem[] = [];
  if (!skeleton(data)) problems.push(...toProblems(skeleton.errors, data));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SpecError(path, problems);

  const registry = new Registry(builtins);
  const pluginFiles: Record<string, string> = {};
  for (const [index, specifier] of (Array.isArray(data.plugins) ? data.plugins : []).entries()) {
    if (typeof specifier !== 'string') continue;
    try {
      await registry.addModule(specifier, baseDir);
      const digest = await localPluginDigest(specifier, baseDir);
      if (digest) pluginFiles[specifier] = digest;
    } catch (error) {
      problems.push({ pointer: `/plugins/${index}`, message: (error as Error).message });
    }
  }

  const planned: Record<string, PlannedEntry<AnyPlugin>[]> = {};
  for (const [list, kind] of LISTS) {
    planned[list] = await planEntries(data[list], list, kind, registry, problems);
  }
  const hasModel = planned.models.length > 0;
  for (const list of ['methods', 'metrics'] as const) {
    planned[list].forEach(({ plugin, entry }, index) => {
      if (!hasModel && 'needsModel' in plugin && plugin.needsModel) {
        problems.push({ pointer: `/${list}/${index}/use`, message: `"${entry.use}" needs a model, but the spec declares none; add one under "models"`, found: entry.use });
      }
      const outputs = outputListProblem(plugin as MethodPlugin<any> | MetricPlugin<any>);
      if (outputs) problems.push({ pointer: `/${list}/${index}/use`, message: outputs, found: entry.use });
    });
  }
  const mode = data.targets?.mode;
  if (!hasModel && (mode === 'correct' || mode === 'top-k')) {
    problems.push({ pointer: '/targets/mode', message: `"${mode}" needs a model's predictions; add a model or use "ground-truth"`, found: mode });
  }
  if (problems.length > 0) throw new SpecError(path, problems);

  const spec: ResolvedSpec = {
    name: data.name,
    ...(data.description === undefined ? {} : { description: data.description }),
    seed: data.seed,
    plugins: data.plugins,
    ...(Object.keys(pluginFiles).length > 0 ? { pluginFiles } : {}),
    datasets: planned.datasets.map((p) => p.entry),
    models: planned.models.map((p) => p.entry),
    methods: planned.methods.map((p) => p.entry),
    metrics: planned.metrics.map((p) => p.entry),
    targets: data.targets,
    ...(data.limit === undefined ? {} : { limit: data.limit }),
    execution: data.execution,
    output: data.output ?? `runs/${data.name}`,
  };
  return {
    file: path,
    baseDir,
    spec,
    hash: specHash(spec),
    datasets: planned.datasets as Plan['datasets'],
    models: planned.models as Plan['models'],
    methods: planned.methods as Plan['methods'],
    metrics: planned.metrics as Plan['metrics'],
    skippedPairs: skippedPairs(planned.methods as Plan['methods'], planned.metrics as Plan['metrics']),
  };
}

/** What changes results: not execution settings, output path or description. */
export function specHash(spec: ResolvedSpec): string {
  const { execution: _execution, output: _output, description: _description, ...rest } = spec;
  return sha256(canonicalJson(rest));
}

async function readSpecJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found; check the path' : (error as Error).message;
    throw new SpecError(path, [{ pointer: '', message: reason }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SpecError(path, [{ pointer: '', message: `not valid JSON: ${withLineAndColumn(text, (error as Error).message)}` }]);
  }
}

async function planEntries(
  entries: unknown,
  list: string,
  kind: PluginKind,
  registry: Registry,
  problems: SpecProblem[],
): Promise<PlannedEntry<AnyPlugin>[]> {
  if (!Array.isArray(entries)) return [];
  const planned: PlannedEntry<AnyPlugin>[] = [];
  const seenIds = new Map<string, number>();
  for (const [index, raw] of entries.entries()) {
    if (typeof raw !== 'object' || raw === null || typeof raw.use !== 'string') continue;
    const registered = await registry.get(kind, raw.use).catch((error: Error) => {
      problems.push({ pointer: `/${list}/${index}/use`, message: error.message });
      return null;
    });
    if (registered === null) continue;
    if (!registered) {
      problems.push({ pointer: `/${list}/${index}/use`, message: `unknown ${kind}; available: ${registry.names(kind).join(', ') || 'none'}`, found: raw.use });
      continue;
    }
    const { plugin, source } = registered;
    const checked = checkOptions(plugin, raw.options ?? {});
    const options = checked.options;
    problems.push(...checked.problems.map((problem) => ({ ...problem, pointer: `/${list}/${index}/options${problem.pointer}` })));
    const id = typeof raw.id === 'string' ? raw.id : plugin.name;
    if (typeof raw.id !== 'string' && !PLAIN_NAME.test(id)) {
      problems.push({
        pointer: `/${list}/${index}/use`,
        message: `the ${kind} name "${id}" (from ${source}) cannot name result files: it must be letters, digits, ".", "_" and "-", starting with a letter or digit; give the entry an "id" such as "${plainVersionOf(id)}"`,
      });
      continue;
    }
    if (seenIds.has(id)) {
      problems.push({ pointer: `/${list}/${index}/id`, message: `duplicate ${kind} id "${id}" (also /${list}/${seenIds.get(id)}); give each entry a distinct "id"` });
    }
    seenIds.set(id, index);
    const entry: SpecEntry = { use: plugin.name, id, version: plugin.version, options };
    planned.push({ entry, plugin, source });
  }
  return planned;
}

function plainVersionOf(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'my-plugin';
}

/** JSON.parse says "at position N" (Node 20); people need the line and column. */
export function withLineAndColumn(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position || /\(line \d+ column \d+\)/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/**
 * The content hash of a plugin given as a file path: editing a local plugin changes the spec hash,
 * so old maps are never reused for new code. Packages are identified by their plugins' versions.
 */
async function localPluginDigest(specifier: string, baseDir: string): Promise<string | undefined> {
  if (!specifier.startsWith('.') && !isAbsolute(specifier)) return undefined;
  return sha256(await readFile(resolve(baseDir, specifier), 'utf8'));
}
