/** Class names for a model: a list, or a names file with one class per line. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export async function resolveClassNames(
  classes: readonly string[] | string | undefined,
  fallback: readonly string[] | undefined,
  baseDir: string,
): Promise<{ names: readonly string[]; source: string }> {
  if (Array.isArray(classes)) return { names: classes, source: 'the classes option' };
  if (typeof classes === 'string') {
    const path = resolve(baseDir, classes);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new Error(`${path}: cannot read the class names file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    return { names: text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0), source: path };
  }
  if (fallback && fallback.length > 0) return { names: fallback, source: "the dataset's classes" };
  throw new Error('the onnx model needs class names: set options.classes (a list or a names file), or pair it with a dataset');
}
