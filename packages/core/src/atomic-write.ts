/** Atomic file writes: a temp file in the same directory, then rename, so readers never see half a file. */
import { mkdir, rename, writeFile, appendFile, rm, open } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Append whole lines with one write call: an interrupted append leaves at most one torn last line,
 * which readers ignore. */
export async function appendLines(path: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await mkdir(dirname(path), { recursive: true });
  // A torn last line (from a killed append) must not swallow the first new line.
  const separator = (await endsWithoutNewline(path)) ? '\n' : '';
  await appendFile(path, separator + lines.map((line) => line + '\n').join(''));
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
