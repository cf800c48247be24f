/**
 * Bad input data: a missing, malformed or inconsistent file of a dataset. The message names the
 * file and what is wrong. The runner stops on it (the CLI exits with code 2) unless bad samples are
 * to be skipped, in which case the sample is recorded as skipped with this message as the reason.
 */
export class DataError extends Error {
  constructor(
    /** The file at fault (absolute or as the user gave it). */
    readonly file: string,
    /** What is wrong with it, and where in it when known (line, field). */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataError';
  }
}

/** Also true for a DataError from another copy of core (a plugin that bundles its own). */
export function isDataError(error: unknown): error is DataError {
  return error instanceof DataError || (error instanceof Error && error.name === 'DataError' && typeof (error as DataError).file === 'string');
}
