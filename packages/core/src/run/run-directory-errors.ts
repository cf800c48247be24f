/**
 * Problems with the run directory itself, all of them the user's to fix (exit 2): a path that is a
 * file, under a file or read-only, a full disk, or a directory holding results it cannot vouch for.
 */
import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export class RunDirectoryError extends Error {}

/** A run directory holding another spec's results (or results of unknown origin). */
export class RunDirectoryConflict extends RunDirectoryError {}

/** Refuse an output path that cannot become a writable directory, saying why. */
export async function checkOutputPath(dir: string): Promise<void> {
  const own = await stat(dir).catch(() => undefined);
  if (own && !own.isDirectory()) throw new RunDirectoryError(`the run directory ${dir} is a file, not a directory; choose another --out path`);
  let existing = dir;
  while (!own) {
    const parent = dirname(existing);
    const info = await stat(parent).catch(() => undefined);
    existing = parent;
    if (info && !info.isDirectory()) throw new RunDirectoryError(`the run directory ${dir} cannot be created: ${parent} is a file; choose another --out path`);
    if (info || parent === dirname(parent)) break;
  }
  try {
    await access(existing, constants.W_OK);
  } catch {
    throw new RunDirectoryError(`the run directory ${dir} is not writable (${existing} is read-only); choose another --out path or change its permissions`);
  }
}

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A file-system error while writing results, turned into a message naming the run directory. */
export function describeWriteError(error: unknown, dir: string): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const path = (error as NodeJS.ErrnoException).path;
  const where = path ? ` (writing ${path})` : '';
  if (FULL.has(code)) {
    return new RunDirectoryError(`no space left on the disk holding the run directory ${dir}${where}; free some space or use --out on another disk, then rerun: finished work is kept`);
  }
  if (DENIED.has(code)) {
    return new RunDirectoryError(`cannot write in the run directory ${dir}${where}: permission denied or read-only; fix its permissions or use another --out path`);
  }
  return error;
}
