/** Small specs written to a scratch directory, so tests run against real files. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function writeSpec(dir: string, spec: Record<string, unknown>, name = 'spec.json'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(spec, null, 2));
  return path;
}

export function baselineSpec(output: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'baselines',
    seed: 3,
    datasets: [{ use: 'synthetic', options: { count: 30, width: 160, height: 160 } }],
    methods: [{ use: 'center' }, { use: 'random' }],
    metrics: [{ use: 'pointing-game' }, { use: 'energy-pointing-game' }],
    execution: { batchSize: 4 },
    output,
    ...overrides,
  };
}
