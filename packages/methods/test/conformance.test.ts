/**
 * Every built-in method passes the same conformance suite (small settings). The table is keyed by
 * the built-in names, so a new built-in without conformance settings does not compile.
 */
import { describe, expect, it } from 'vitest';
import { builtinMethods, type BuiltinMethodName } from '../src/builtins.js';
import { describeConformance } from './conformance.js';

/** Small settings per built-in; several entries run the suite once per variant. */
export const conformanceSettings = {
  rp: [{ iterations: 4, imageSize: 12 }],
  mp: [
    { preset: 'official', iterations: 4, maskScale: 4 },
    { preset: 'pytorch-port', iterations: 4, maskScale: 4 },
  ],
  ep: [
    { iterations: 4, areas: [0.1, 0.3], step: 4, sigma: 6, maxBlur: 4 },
    { iterations: 3, variant: 'dual', reward: 'contrastive', score: 'probability', step: 4, sigma: 6 },
  ],
  rise: [{ masks: 64, batch: 16 }],
  gradient: [{}],
  gradcam: [{ layer: 'features' }],
  // Model-free reference maps (the suite's model checks do not apply): center.test.ts, random.test.ts.
  center: [],
  random: [],
} satisfies Record<BuiltinMethodName, Record<string, unknown>[]>;

for (const [name, variants] of Object.entries(conformanceSettings) as [BuiltinMethodName, Record<string, unknown>[]][]) {
  for (const options of variants) {
    const label = variants.length > 1 ? `${name} ${JSON.stringify(options)}` : name;
    describeConformance({ name: label, plugin: builtinMethods[name], options });
  }
}

describe('conformance settings', () => {
  it('leave out only the methods that need no model', async () => {
    for (const [name, variants] of Object.entries(conformanceSettings) as [BuiltinMethodName, unknown[]][]) {
      if (variants.length === 0) expect((await builtinMethods[name]()).needsModel, name).toBe(false);
    }
  });
});
