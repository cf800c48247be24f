/**
 * Direction and statistic of each metric of a saved spec, for leaderboards of existing run
 * directories. Only metrics matter here: built-in ones load alone, plugin modules are imported only
 * when a metric is not built in, and a module that fails to load (say, a method plugin that has
 * moved) is an error only if a metric was to come from it.
 */
import { dirname } from 'node:path';
import type { MetricSemantics } from '../results/leaderboard.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { MetricPlugin } from '../types.js';
import { Registry, RegistryError, type BuiltinTables } from './registry.js';

export async function metricSemantics(spec: ResolvedSpec, specFile: string, builtins: BuiltinTables): Promise<Record<string, MetricSemantics>> {
  const registry = new Registry(builtins);
  const unavailable: string[] = [];
  if (spec.metrics.some((entry) => !Object.hasOwn(builtins.metric, entry.use))) {
    for (const specifier of spec.plugins) {
      await registry.addModule(specifier, dirname(specFile)).catch((error: Error) => unavailable.push(error.message));
    }
  }
  const semantics: Record<string, MetricSemantics> = {};
  for (const entry of spec.metrics) {
    const found = await registry.get('metric', entry.use);
    if (!found) {
      const why = unavailable.length > 0 ? `; plugin modules that did not load: ${unavailable.join('; ')}` : '';
      throw new RegistryError(`metric "${entry.use}" of the run's spec (${specFile}) is not available${why}. Restore its plugin module at the path listed in the spec's "plugins", or install its package`);
    }
    const plugin = found.plugin as MetricPlugin;
    semantics[entry.id] = { higherIsBetter: plugin.higherIsBetter, statistic: plugin.statistic, pairingUnit: plugin.pairingUnit };
  }
  return semantics;
}
