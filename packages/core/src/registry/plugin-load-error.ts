/**
 * Why a plugin module failed to import, said so that the author can fix it: a syntax error with its
 * line and column, or a missing @saliency-bench package with the two ways out.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function explainImportFailure(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const missing = /Cannot find (?:package|module) '(@saliency-bench\/[^'/]+)/.exec(message)?.[1];
  if (code === 'ERR_MODULE_NOT_FOUND' && missing) {
    return (
      `it imports ${missing}, which is not installed where the plugin lives. Either install it there ` +
      `(npm install ${missing}, or npm link it from a saliency-bench clone), or drop the import and export ` +
      "the plain object with a kind field (e.g. kind: 'method') instead of calling defineMethod"
    );
  }
  if (error instanceof SyntaxError && url.startsWith('file:')) {
    const where = locateSyntaxError(fileURLToPath(url));
    if (where) return `syntax error at line ${where.line}, column ${where.column}: ${message}\n    ${where.source}`;
  }
  return message;
}

/**
 * V8 reports where an ES module fails to parse only through `node --check`; the file is checked as
 * a module (its imports are not followed, so a syntax error in one of them gets no location).
 */
function locateSyntaxError(path: string): { line: number; column: number; source: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const check = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: text, encoding: 'utf8', timeout: 10_000 });
  const lines = (check.stderr ?? '').split('\n');
  const line = Number(/^\[stdin\]:(\d+)$/.exec(lines[0] ?? '')?.[1]);
  const caret = (lines[2] ?? '').indexOf('^');
  if (!Number.isInteger(line) || line < 1 || caret < 0) return undefined;
  return { line, column: caret + 1, source: (lines[1] ?? '').trim() };
}
