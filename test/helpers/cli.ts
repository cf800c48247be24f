/** Run the built CLI as a user would: a child process, with its exit code and output. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const cliPath = join(repoRoot, 'packages/cli/dist/bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  nodeArgs?: string[];
  /** Extra environment variables (e.g. the Vulkan setup of a WebGPU run). */
  env?: Record<string, string>;
}

export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, FORCE_COLOR: '0', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolvePromise) => child.on('close', (code) => resolvePromise({ code, stdout, stderr })));
  return { child, done };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

export function scratchDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `saliency-bench-${prefix}-`));
}
