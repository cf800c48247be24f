/** `saliency-bench leaderboard <run dir>`: re-aggregate a run directory's records. */
import type { CommandModule } from 'yargs';
import { computeLeaderboard, describeUnfinished, leaderboardTable, metricSemantics, readManifests, RunStore, shardCensus, writeLeaderboard } from '@saliency-bench/core';
import { builtins } from '../builtins.js';

export const leaderboardCommand: CommandModule<object, { run: string; json: boolean }> = {
  command: 'leaderboard <run>',
  describe: 'Aggregate the records of a run directory into leaderboard.csv and print it (and say which shards are missing)',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the rows as JSON' })
      .example('$0 leaderboard runs/quickstart', 'rebuild and show the quick start leaderboard'),
  handler: async (args) => {
    const { store, spec, specFile } = await RunStore.existing(args.run);
    const rows = await computeLeaderboard(store, spec, await metricSemantics(spec, specFile, builtins));
    const path = await writeLeaderboard(store, rows);
    const census = shardCensus((await readManifests(store.dir)).map((m) => m.manifest));
    const unfinished = census.complete ? [] : describeUnfinished(census);
    process.stdout.write(args.json ? JSON.stringify(rows, null, 2) + '\n' : leaderboardTable(rows) + '\n');
    if (!args.json) process.stderr.write(`leaderboard: ${path}\n`);
    if (unfinished.length > 0) process.stderr.write(`warning: the leaderboard is partial:\n  ${unfinished.join('\n  ')}\n`);
  },
};
