/** `saliency-bench sanity <run dir> --model A --against B…`: model randomisation and random-logit sanity checks. */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { datasetLabels, RunStore, sanityCheck, sanityCsv, sanityTable, writeFileAtomic } from '@saliency-bench/core';
import { builtins } from '../builtins.js';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

interface SanityArgs {
  run: string;
  model: string;
  against?: string[];
  methods?: string[];
  threshold: number;
  json: boolean;
}

export const sanityCommand: CommandModule<object, SanityArgs> = {
  command: 'sanity <run>',
  describe: 'Sanity checks (Adebayo et al. 2018, Sixt et al. 2020): how much each method\'s maps change under a randomised model or for a random other class; writes sanity.csv',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory' })
      .option('model', { type: 'string', demandOption: true, describe: 'The trained model\'s id in the spec' })
      .option('against', { type: 'string', array: true, describe: 'Model ids to compare with (default: every other model of the spec)' })
      .option('methods', { type: 'string', array: true, describe: 'Only these method ids' })
      .option('threshold', { type: 'number', default: 0.5, describe: 'Flag a method when the mean Spearman of |maps| or the mean SSIM reaches this under full randomisation or for a random class' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the rows as JSON' })
      .example('$0 sanity runs/sanity --model trained --against random-top1 random-all', 'cascading randomisation of the built-in model'),
  handler: async (args) => {
    const { store, spec, specFile } = await RunStore.existing(args.run).catch((error: Error) => {
      throw new CliError(error.message, EXIT_BAD_INPUT);
    });
    const modelIds = spec.models.map((m) => m.id);
    const unknown = [args.model, ...(args.against ?? [])].filter((id) => !modelIds.includes(id));
    if (unknown.length > 0) throw new CliError(`no model ${unknown.map((u) => `"${u}"`).join(', ')} in ${args.run}; its models are ${modelIds.join(', ') || '(none)'}`, EXIT_BAD_INPUT);
    const unknownMethods = (args.methods ?? []).filter((id) => !spec.methods.some((m) => m.id === id));
    if (unknownMethods.length > 0) throw new CliError(`no method ${unknownMethods.join(', ')} in ${args.run}; its methods are ${spec.methods.map((m) => m.id).join(', ')}`, EXIT_BAD_INPUT);
    const against = args.against ?? modelIds.filter((id) => id !== args.model);
    const labels = spec.targets.mode === 'random-other' ? await datasetLabels(spec, specFile, builtins) : undefined;
    const rows = await sanityCheck(store, spec, { model: args.model, against, methods: args.methods, threshold: args.threshold, labels });
    const path = join(store.dir, 'sanity.csv');
    await writeFileAtomic(path, sanityCsv(rows));
    process.stdout.write(args.json ? JSON.stringify(rows, null, 2) + '\n' : sanityTable(rows) + '\n');
    if (!args.json) {
      process.stderr.write(`FLAG: maps barely change (Spearman of |maps| or SSIM >= ${args.threshold}) under a fully randomised model or for a random other class\n`);
      if (!labels) process.stderr.write('random-logit check: not run (the spec\'s targets mode is not random-other)\n');
      process.stderr.write(`sanity: ${path}\n`);
    }
  },
};
