import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

/** The README's command, run as a user runs it after `npm ci` and a build: through npx. */
function npx(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npx', ['--no-install', ...args], { cwd: repoRoot, env: { ...process.env, FORCE_COLOR: '0' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npx saliency-bench', () => {
  it('is linked by npm ci and runs the built CLI', async () => {
    const help = await npx(['saliency-bench', '--help']);
    expect(help.stderr).not.toMatch(/npm error/);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^saliency-bench <command> \[options\]/);
    const list = await npx(['saliency-bench', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/method rp@/);
  });
});
