/** A run directory given on the command line must hold a run's spec.json; otherwise it is bad input (exit 2). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

export async function requireRunDirectory(dir: string): Promise<void> {
  const text = await readFile(join(dir, 'spec.json'), 'utf8').catch(() => undefined);
  if (text === undefined) throw new CliError(`${dir} is not a run directory (no spec.json); give the output directory of a saliency-bench run`, EXIT_BAD_INPUT);
  let saved: { hash?: unknown; spec?: unknown } | undefined;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = undefined;
  }
  // A run writes { hash, specFile, spec }; a spec file someone saved as spec.json has neither.
  if (typeof saved?.hash !== 'string' || typeof saved.spec !== 'object') {
    throw new CliError(`${join(dir, 'spec.json')} is not a run's spec.json (no hash and resolved spec): is ${dir} a spec's folder rather than a run directory?`, EXIT_BAD_INPUT);
  }
}
