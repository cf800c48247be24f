/** `saliency-bench leaderboard <run dir>`: re-aggregate a run directory's records. */
import type { CommandModule } from 'yargs';
import { computeLeaderboard, leaderboardTable, metricSemantics, RunStore, runCompleteness, writeLeaderboard } from '@saliency-bench/core';
import { builtins } from '../builtins.js';

export const leaderboardCommand: CommandModule<object, { run: string; json: boolean }> = {
  command: 'leaderboard <run>',
  describe: 'Aggregate the records of a run directory into leaderboard.csv and print it',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory' })
      .option('json', { type: 'boolean', default: false, describe: 'Print { partial, partialReasons, rows } as JSON' })
      .example('$0 leaderboard runs/quickstart', 'rebuild and show the quick start leaderboard'),
  handler: async (args) => {
    const { store, spec, specFile } = await RunStore.existing(args.run);
    const rows = await computeLeaderboard(store, spec, await metricSemantics(spec, specFile, builtins));
    const completeness = await runCompleteness(store.dir);
    const path = await writeLeaderboard(store, rows, completeness);
    const json = { partial: completeness.partial, partialReasons: completeness.reasons, rows };
    process.stdout.write(args.json ? JSON.stringify(json, null, 2) + '\n' : leaderboardTable(rows, completeness) + '\n');
    if (!args.json) process.stderr.write(`leaderboard: ${path}\n`);
  },
};
