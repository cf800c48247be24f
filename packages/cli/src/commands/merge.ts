/** `saliency-bench merge <out> <run dirs...>`: combine shard directories of one spec. */
import type { CommandModule } from 'yargs';
import { computeLeaderboard, describeUnfinished, leaderboardTable, mergeRunsWithCensus, metricSemantics, writeLeaderboard } from '@saliency-bench/core';
import { builtins } from '../builtins.js';
import { CliError, EXIT_RUN_FAILED } from '../exit-codes.js';

export const mergeCommand: CommandModule<object, { out: string; runs: string[] }> = {
  command: 'merge <out> <runs..>',
  describe: 'Merge run directories of the same spec (e.g. shards) and write the combined leaderboard; exits 1 when shards are missing or unfinished',
  builder: (y) =>
    y
      .positional('out', { type: 'string', demandOption: true, describe: 'Directory to write (may be one of the inputs)' })
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories to read' })
      .example('$0 merge runs/suite runs/suite-1 runs/suite-2 runs/suite-3', 'combine three shards')
      .example('$0 merge /shared/runs/suite /shared/runs/suite', 'shards that shared one directory'),
  handler: async (args) => {
    const { store, census } = await mergeRunsWithCensus(args.out, args.runs);
    const { spec, specFile } = await store.readSpec();
    const rows = await computeLeaderboard(store, spec, await metricSemantics(spec, specFile, builtins));
    const path = await writeLeaderboard(store, rows);
    process.stdout.write(leaderboardTable(rows) + '\n');
    process.stderr.write(`leaderboard: ${path}\n`);
    if (!census.complete) {
      const lines = describeUnfinished(census);
      throw new CliError(`the leaderboard is partial:\n  ${lines.join('\n  ')}\nthen merge again`, EXIT_RUN_FAILED);
    }
  },
};
