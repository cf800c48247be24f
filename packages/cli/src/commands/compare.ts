/** `saliency-bench compare <run dir>`: paired comparisons of methods and a rank table with bootstrap rank frequencies. */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  compareFamily, CompareInputError, comparisonsCsv, comparisonsTable, metricSemantics, rankFamily, ranksCsv, ranksTable, readFamilies, RunStore, writeFileAtomic,
} from '@saliency-bench/core';
import { builtins } from '../builtins.js';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

interface CompareArgs {
  run: string;
  metric?: string[];
  dataset?: string[];
  model?: string[];
  methods?: string[];
  alpha: number;
  json: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <run>',
  describe: 'Paired comparisons of methods (bootstrap CI, Wilcoxon, Holm) and a rank table, into comparisons.csv and ranks.csv',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory' })
      .option('metric', { type: 'string', array: true, describe: 'Only these metric ids' })
      .option('dataset', { type: 'string', array: true, describe: 'Only these dataset ids' })
      .option('model', { type: 'string', array: true, describe: 'Only these model ids' })
      .option('methods', { type: 'string', array: true, describe: 'Only these method ids (at least two)' })
      .option('alpha', { type: 'number', default: 0.05, describe: 'Family-wise error rate of the Holm-corrected verdicts' })
      .option('json', { type: 'boolean', default: false, describe: 'Print comparisons and ranks as JSON' })
      .example('$0 compare runs/quickstart --metric pointing-game', 'every pair of methods on the pointing game')
      .example('$0 compare runs/quickstart --methods rp gradcam', 'one pair, every metric'),
  handler: async (args) => {
    if (args.methods && args.methods.length < 2) throw new CliError('--methods needs at least two method ids', EXIT_BAD_INPUT);
    if (!(args.alpha > 0 && args.alpha < 1)) throw new CliError(`--alpha must lie in (0, 1) (found ${args.alpha})`, EXIT_BAD_INPUT);
    const { store, spec, specFile } = await RunStore.existing(args.run).catch((error: Error) => {
      throw new CliError(error.message, EXIT_BAD_INPUT);
    });
    const semantics = await metricSemantics(spec, specFile, builtins);
    const families = await readFamilies(store, spec, semantics, { metrics: args.metric, datasets: args.dataset, models: args.model, methods: args.methods }).catch((error: Error) => {
      throw error instanceof CompareInputError ? new CliError(error.message, EXIT_BAD_INPUT) : error;
    });
    const comparisons = families.flatMap((family) => compareFamily(family, spec.seed, args.alpha));
    const ranks = families.flatMap((family) => rankFamily(family, spec.seed));
    await writeFileAtomic(join(store.dir, 'comparisons.csv'), comparisonsCsv(comparisons));
    await writeFileAtomic(join(store.dir, 'ranks.csv'), ranksCsv(ranks));
    if (args.json) {
      process.stdout.write(JSON.stringify({ comparisons, ranks }, null, 2) + '\n');
      return;
    }
    process.stdout.write(`${comparisonsTable(comparisons)}\n\n${ranksTable(ranks)}\n`);
    process.stderr.write(`better: the method ahead after Holm's correction at alpha ${args.alpha} over the pairs of each metric ('-': no significant difference)\n`);
    process.stderr.write(`comparisons: ${join(store.dir, 'comparisons.csv')}\nranks: ${join(store.dir, 'ranks.csv')}\n`);
  },
};
