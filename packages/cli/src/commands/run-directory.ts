/** A run directory given on the command line must hold spec.json; otherwise it is bad input (exit 2). */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

export async function requireRunDirectory(dir: string): Promise<void> {
  const found = await stat(join(dir, 'spec.json')).then((s) => s.isFile(), () => false);
  if (!found) throw new CliError(`${dir} is not a run directory (no spec.json); give the output directory of a saliency-bench run`, EXIT_BAD_INPUT);
}
