/** `saliency-bench validate <spec>`: both validation layers, no compute library loaded. */
import type { CommandModule } from 'yargs';
import { loadSpec, skippedPairsNotice } from '@saliency-bench/core';
import { builtins } from '../builtins.js';

export const validateCommand: CommandModule<object, { spec: string; json: boolean }> = {
  command: 'validate <spec>',
  describe: 'Check a spec and every plugin option; report all problems at once (exit 2)',
  builder: (y) =>
    y
      .positional('spec', { type: 'string', demandOption: true, describe: 'Path of the spec JSON file' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the resolved spec (defaults filled in) as JSON' })
      .example('$0 validate benchmarks/quickstart.json', 'check the quick start suite'),
  handler: async (args) => {
    const plan = await loadSpec(args.spec, builtins);
    if (args.json) {
      process.stdout.write(JSON.stringify({ hash: plan.hash, spec: plan.spec }, null, 2) + '\n');
      return;
    }
    const { spec } = plan;
    process.stdout.write(
      `${plan.file}: ok (hash ${plan.hash.slice(0, 12)})\n` +
        `  ${spec.datasets.length} datasets x ${spec.models.length || 'no'} models x ${spec.methods.length} methods x ${spec.metrics.length} metrics -> ${spec.output}\n`,
    );
    const notice = skippedPairsNotice(plan.skippedPairs);
    if (notice) process.stdout.write(notice + '\n');
  },
};
