import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, scratchDir } from './helpers/cli.js';

/** The first fenced block of a language after a heading of the README. */
async function readmeBlock(heading: string, language: string): Promise<string> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```').exec(section);
  if (!match) throw new Error(`no ${language} block under "## ${heading}" in README.md`);
  return match[1];
}

describe("the README's examples", () => {
  it('the plugin example runs from a folder outside the repository, with the spec example', async () => {
    const dir = await scratchDir('readme');
    await writeFile(join(dir, 'my-method.js'), await readmeBlock('Writing a plugin', 'js'));
    const spec = JSON.parse(await readmeBlock('A spec', 'json'));
    // Smaller than the README's suite so that the test stays quick; everything else as printed.
    Object.assign(spec, { datasets: [{ use: 'synthetic', options: { count: 6, width: 64, height: 64 } }], limit: 6, output: join(dir, 'run') });
    await writeFile(join(dir, 'suite.json'), JSON.stringify(spec, null, 2));
    const result = await runCli(['run', join(dir, 'suite.json'), '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/my-method\s+energy-union ↑/);
  });
});
