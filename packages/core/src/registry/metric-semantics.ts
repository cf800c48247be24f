/** Direction and statistic of each metric of a saved spec, for leaderboards of existing run directories. */
import { dirname } from 'node:path';
import type { MetricSemantics } from '../results/leaderboard.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { MetricPlugin } from '../types.js';
import { Registry, type BuiltinTables } from './registry.js';

export async function metricSemantics(spec: ResolvedSpec, specFile: string, builtins: BuiltinTables): Promise<Record<string, MetricSemantics>> {
  const registry = new Registry(builtins);
  for (const specifier of spec.plugins) await registry.addModule(specifier, dirname(specFile));
  const semantics: Record<string, MetricSemantics> = {};
  for (const entry of spec.metrics) {
    const found = await registry.get('metric', entry.use);
    if (!found) throw new Error(`metric "${entry.use}" of ${specFile} is not available; install or restore its plugin`);
    const plugin = found.plugin as MetricPlugin;
    semantics[entry.id] = { higherIsBetter: plugin.higherIsBetter, statistic: plugin.statistic, pairingUnit: plugin.pairingUnit };
  }
  return semantics;
}
