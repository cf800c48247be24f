/**
 * Declared outputs against required ones: a metric that reads an attribution output (the class
 * distortion score reads 'probs') cannot score a method that does not declare it. Such pairs are
 * not spec errors (a suite may cross every method with every metric): the plan lists them, the
 * runner records their jobs as skipped with the reason, and `validate`/`run` say so once.
 */
import type { AttributionOutput, MethodPlugin, MetricPlugin } from '../types.js';
import type { PlannedEntry } from './resolved-spec.js';

/** Every output name, with what it holds in words (for reasons). */
export const ATTRIBUTION_OUTPUTS: Readonly<Record<AttributionOutput, string>> = { map: 'map', probs: 'probabilities' };

/** A (method, metric) pair of entry ids whose records are skipped: the outputs the method lacks. */
export interface SkippedPair {
  method: string;
  metric: string;
  missing: AttributionOutput[];
  /** The records' reason, e.g. "method returns no probabilities". */
  reason: string;
}

export function declaredOutputs(plugin: MethodPlugin<any>): readonly AttributionOutput[] {
  return plugin.outputs ?? ['map'];
}

export function requiredOutputs(plugin: MetricPlugin<any>): readonly AttributionOutput[] {
  return plugin.requires ?? [];
}

/** A plugin's `outputs` or `requires` that is not a list of known output names: the problem, in words. */
export function outputListProblem(plugin: MethodPlugin<any> | MetricPlugin<any>): string | undefined {
  const field = plugin.kind === 'method' ? 'outputs' : 'requires';
  const list: unknown = plugin.kind === 'method' ? plugin.outputs : plugin.requires;
  if (list === undefined) return undefined;
  const known = Object.keys(ATTRIBUTION_OUTPUTS);
  const unknown = Array.isArray(list) ? list.filter((name) => !known.includes(name)) : [list];
  if (unknown.length === 0) return undefined;
  return `${plugin.kind} "${plugin.name}" declares ${field} ${JSON.stringify(list)}: ${unknown.map((name) => JSON.stringify(name)).join(', ')} is not an output; known outputs: ${known.join(', ')}`;
}

export function skippedPairs(methods: readonly PlannedEntry<MethodPlugin<any>>[], metrics: readonly PlannedEntry<MetricPlugin<any>>[]): SkippedPair[] {
  const pairs: SkippedPair[] = [];
  for (const method of methods) {
    const declared = declaredOutputs(method.plugin);
    for (const metric of metrics) {
      const missing = requiredOutputs(metric.plugin).filter((output) => output !== 'map' && !declared.includes(output));
      if (missing.length === 0) continue;
      const reason = `method returns no ${missing.map((output) => ATTRIBUTION_OUTPUTS[output]).join(' and no ')}`;
      pairs.push({ method: method.entry.id, metric: metric.entry.id, missing, reason });
    }
  }
  return pairs;
}

/** One notice for the user listing the skipped pairs by method (undefined when there are none). */
export function skippedPairsNotice(pairs: readonly SkippedPair[]): string | undefined {
  if (pairs.length === 0) return undefined;
  const byMethod = new Map<string, SkippedPair[]>();
  for (const pair of pairs) byMethod.set(pair.method, [...(byMethod.get(pair.method) ?? []), pair]);
  const lines = [...byMethod].map(([method, list]) => `  ${method}: ${list.map((p) => p.metric).join(', ')} (${[...new Set(list.map((p) => p.reason))].join('; ')})`);
  return [`note: ${pairs.length} method x metric pairs are skipped (the metric needs an output the method does not declare):`, ...lines].join('\n');
}
