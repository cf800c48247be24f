/** `saliency-bench merge <out> <run dirs...>`: combine shard directories of one spec. */
import type { CommandModule } from 'yargs';
import { computeLeaderboard, leaderboardTable, mergeRuns, metricSemantics, runCompleteness, writeLeaderboard } from '@saliency-bench/core';
import { builtins } from '../builtins.js';
import { CliError, EXIT_RUN_FAILED } from '../exit-codes.js';

export const mergeCommand: CommandModule<object, { out: string; runs: string[]; 'fail-partial': boolean }> = {
  command: 'merge <out> <runs..>',
  describe: 'Merge run directories of the same spec (e.g. shards) and write the combined leaderboard',
  builder: (y) =>
    y
      .positional('out', { type: 'string', demandOption: true, describe: 'Directory to write (may be one of the inputs)' })
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories to read' })
      .option('fail-partial', { type: 'boolean', default: false, describe: 'Exit 1 when a shard is missing or unfinished (for the merge job of a cluster run)' })
      .example('$0 merge runs/suite runs/suite-1 runs/suite-2 runs/suite-3', 'combine three shards')
      .example('$0 merge /shared/runs/suite /shared/runs/suite --fail-partial', 'shards that shared one directory'),
  handler: async (args) => {
    const store = await mergeRuns(args.out, args.runs);
    const { spec, specFile } = await store.readSpec();
    const rows = await computeLeaderboard(store, spec, await metricSemantics(spec, specFile, builtins));
    const completeness = await runCompleteness(store.dir);
    const path = await writeLeaderboard(store, rows, completeness);
    process.stdout.write(leaderboardTable(rows, completeness) + '\n');
    process.stderr.write(`leaderboard: ${path}\n`);
    if (args['fail-partial'] && completeness.partial) throw new CliError('the merged leaderboard is partial (see above); run the missing shards and merge again', EXIT_RUN_FAILED);
  },
};
