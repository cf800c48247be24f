/** Exit codes: 0 ok, 1 the run failed, 2 bad input, 130 interrupted (Ctrl-C; finished work is kept). */
export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

/** An error whose message is meant for the user as is, with the exit code to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
