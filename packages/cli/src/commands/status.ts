/** `saliency-bench status <run dir>`: per-shard progress of a (cluster) run, optionally waiting for it. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandModule } from 'yargs';
import { readManifests, RunStore, shardCensus, type ShardCensus } from '@saliency-bench/core';
import { CliError, EXIT_BAD_INPUT, EXIT_RUN_FAILED } from '../exit-codes.js';
import { statusTable } from '../status-table.js';

interface StatusArgs {
  run: string;
  shards?: number;
  wait: boolean;
  interval: number;
  timeout?: number;
  json: boolean;
}

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status <run>',
  describe: 'Show each shard of a run directory: state, samples and maps done, failed jobs, scheduler task, last update',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory (shared by the shards, or a merged one)' })
      .option('shards', { type: 'number', describe: 'How many shards to expect (default: what the shard manifests say)' })
      .option('wait', { type: 'boolean', default: false, describe: 'Poll until every shard has finished (exit 0), or until --timeout (exit 1)' })
      .option('interval', { type: 'number', default: 30, describe: 'Seconds between polls with --wait' })
      .option('timeout', { type: 'number', describe: 'Give up waiting after this many seconds' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the shards as JSON' })
      .example('$0 status /shared/runs/suite', 'watch a Slurm or Kubernetes run')
      .example('$0 status runs/suite --shards 8 --wait --timeout 86400', 'block until all 8 shards are done (a merge job does this)'),
  handler: async (args) => {
    if (args.shards !== undefined && !(Number.isInteger(args.shards) && args.shards >= 1)) {
      throw new CliError(`invalid --shards ${args.shards}: expected a positive integer`, EXIT_BAD_INPUT);
    }
    const deadline = args.timeout === undefined ? Infinity : Date.now() + args.timeout * 1000;
    for (;;) {
      const census = await readCensus(args);
      if (!args.wait || census.complete || Date.now() >= deadline) {
        print(census, args);
        if (args.wait && !census.complete) throw new CliError(`gave up waiting after ${args.timeout} s: not every shard has finished`, EXIT_RUN_FAILED);
        return;
      }
      await sleep(Math.min(args.interval * 1000, Math.max(0, deadline - Date.now())));
    }
  },
};

async function readCensus(args: StatusArgs): Promise<ShardCensus> {
  // While waiting, the shards may not have created the directory yet.
  const opened = await RunStore.existing(args.run).catch((error: Error) => {
    if (args.wait) return undefined;
    throw new CliError(error.message, EXIT_BAD_INPUT);
  });
  if (!opened) return shardCensus([], args.shards);
  return shardCensus(await readManifests(opened.store.dir), args.shards);
}

function print(census: ShardCensus, args: StatusArgs): void {
  if (args.json) {
    process.stdout.write(JSON.stringify({ run: args.run, ...census }, null, 2) + '\n');
    return;
  }
  process.stdout.write(`${args.run}\n${statusTable(census)}\n`);
}
