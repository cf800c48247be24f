/** Class names for a model: a list, or a names file with one class per line. */
import { readFile } from 'node:fs/promises';

export async function readClassesFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`${path}: cannot read the class names file (${reason}); give a text file with one class name per line`);
  }
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (names.length === 0) throw new Error(`${path}: the class names file is empty; give one class name per line`);
  return names;
}
