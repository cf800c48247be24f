/** The CLI: yargs commands over the packages; errors become messages and exit codes, not stack traces. */
import yargs from 'yargs';
import { PluginStartError, RegistryError, RunDirectoryError, SpecError, isDataError } from '@saliency-bench/core';
import { CliError, EXIT_BAD_INPUT, EXIT_RUN_FAILED } from './exit-codes.js';
import { commands } from './commands/index.js';

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('saliency-bench')
    .usage('$0 <command> [options]\n\nBenchmark perturbation-based visual explanations of image classifiers.')
    .command(commands)
    .demandCommand(1, 'Name a command; see --help')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    // A usage problem (unknown option, missing argument) must stop here, before the command runs.
    .fail((message, error) => {
      if (error) throw error;
      throw new CliError(`${message}\nRun with --help for usage.`, EXIT_BAD_INPUT);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    exitCode = reportError(error);
  }
  return exitCode;
}

function reportError(error: unknown): number {
  if (error instanceof SpecError) {
    process.stderr.write(`error: invalid spec ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof RunDirectoryError || error instanceof RegistryError || error instanceof PluginStartError || isDataError(error)) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.SALIENCY_BENCH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return (error as { exitCode?: number }).exitCode ?? EXIT_RUN_FAILED;
}
