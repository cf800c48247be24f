/** `saliency-bench run <spec>`: validate, run (resumable, shardable), print the leaderboard. */
import type { CommandModule } from 'yargs';
import { leaderboardTable, loadSpec, parseShard, runPlan, shardFromEnvironment, skippedPairsNotice, type RunSummary, type SchedulerTask, type Shard } from '@saliency-bench/core';
import { builtins } from '../builtins.js';
import { CliError, EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_RUN_FAILED } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { writeRunReport } from './report.js';

interface RunArgs {
  spec: string;
  out?: string;
  shard?: string;
  fresh: boolean;
  quiet: boolean;
  json: boolean;
  report: boolean;
  skipBadSamples?: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <spec>',
  describe: 'Run a benchmark spec; a rerun reuses finished maps and records',
  builder: (y) =>
    y
      .positional('spec', { type: 'string', demandOption: true, describe: 'Path of the spec JSON file' })
      .option('out', { type: 'string', describe: "Run directory (overrides the spec's output)" })
      .option('shard', {
        type: 'string',
        describe: 'Run slice i of n (i/n, 1-based), or "auto": i and n from a Slurm job array or Kubernetes Indexed Job; merge afterwards',
      })
      .option('fresh', { type: 'boolean', default: false, describe: 'Delete the results in the run directory and start over' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary instead of the table' })
      .option('report', { type: 'boolean', default: false, describe: 'Record insertion/deletion curves and write <out>/report.html when the run ends' })
      .option('skip-bad-samples', { type: 'boolean', describe: "Record samples with bad data as skipped (reasons in manifest.json) and carry on; default: the spec's execution.skipBadSamples" })
      .example('$0 run benchmarks/quickstart.json', 'run the quick start suite')
      .example('$0 run benchmarks/quickstart.json --report', 'run it and write runs/quickstart/report.html')
      .example('$0 run suite.json --shard 2/4 --out runs/suite-2', 'run the second of four shards')
      .example('$0 run suite.json --shard auto --out /shared/runs/suite', 'in a Slurm array task or Kubernetes Indexed Job pod'),
  handler: async (args) => {
    const { shard, task } = args.shard === undefined ? {} : parseShardOrFail(args.shard);
    if (task && !args.quiet && !args.json) process.stderr.write(`shard ${shard!.index}/${shard!.count} from ${task.scheduler} (job ${task.jobId}, index ${task.index}, host ${task.host})\n`);
    const plan = await loadSpec(args.spec, builtins);
    const notice = skippedPairsNotice(plan.skippedPairs);
    if (notice && !args.quiet && !args.json) process.stderr.write(notice + '\n');
    const controller = new AbortController();
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
      process.stderr.write('\ninterrupted: finishing cleanly (finished work is kept; rerun to resume); press Ctrl-C again to quit at once\n');
      controller.abort(new Error('interrupted'));
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    const progress = createProgress({ quiet: args.quiet || args.json });
    let summary: RunSummary;
    try {
      summary = await runPlan(plan, { outDir: args.out, shard, task, fresh: args.fresh, skipBadSamples: args.skipBadSamples, signal: controller.signal, recordCurves: args.report, onEvent: (e) => progress.onEvent(e) });
    } finally {
      progress.stop();
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    }
    report(summary, args);
    // An interrupted run still gets its report: what finished is worth looking at.
    if (args.report) await writeRunReport(summary.outDir);
    if (summary.aborted) throw new CliError(`run interrupted; rerun the same command to resume (${summary.outDir})`, EXIT_INTERRUPTED);
    if (summary.mapsFailed > 0 || summary.samplesFailed > 0) {
      throw new CliError(`${summary.mapsFailed} maps and ${summary.samplesFailed} samples failed; reasons are in the records under ${summary.outDir}/records`, EXIT_RUN_FAILED);
    }
  },
};

function parseShardOrFail(text: string): { shard: Shard; task?: SchedulerTask } {
  try {
    return text.trim() === 'auto' ? shardFromEnvironment() : { shard: parseShard(text) };
  } catch (error) {
    throw new CliError((error as Error).message, EXIT_BAD_INPUT);
  }
}

function report(summary: RunSummary, args: RunArgs): void {
  if (args.json) {
    const { rows, ...rest } = summary;
    process.stdout.write(JSON.stringify({ ...rest, leaderboard: rows }, null, 2) + '\n');
    return;
  }
  if (!args.quiet) {
    process.stderr.write(
      `maps: ${summary.mapsComputed} computed, ${summary.mapsReused} reused, ${summary.mapsFailed} failed; ` +
        `records: ${summary.recordsWritten} written, ${summary.recordsReused} reused\n`,
    );
    if (summary.samplesSkipped > 0) {
      process.stderr.write(`samples: ${summary.samplesSkipped} skipped for bad data (reasons in ${summary.outDir}/manifest.json)\n`);
    }
  }
  process.stdout.write(leaderboardTable(summary.rows, { partial: summary.partial, reasons: summary.partialReasons }) + '\n');
  if (!args.quiet) process.stderr.write(`leaderboard: ${summary.leaderboardPath}\n`);
}
