/**
 * The paper's train and test phases through the CLI: a short training run writes the model in
 * both formats and a JSONL log, `test` scores the result on both engines with the same numbers,
 * and bad arguments are refused before any work.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, scratchDir } from './helpers/cli.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('saliency-bench train and test', () => {
  it('trains two epochs on fresh images with two threads, exports ONNX, and tests it on both engines', async () => {
    const dir = await scratchDir('train');
    dirs.push(dir);
    const out = join(dir, 'model');
    const train = await runCli(['train', '--out', out, '--epochs', '2', '--train-count', '64', '--val-count', '16', '--threads', '2']);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).toMatch(/64 training \(new ones each epoch\) and 16 validation images at 96px \(backend wasm, 2 threads\)/);
    expect(train.stderr).toMatch(/done: 2 epochs, val mAP \d\.\d{4}/);
    expect((await readdir(out)).sort()).toEqual(expect.arrayContaining(['builtin.onnx', 'checkpoint.json', 'classes.txt', 'model-info.json', 'model.json', 'train-log.jsonl', 'weights.bin']));
    const log = (await readFile(join(out, 'train-log.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(log.map((r: { epoch: number }) => r.epoch)).toEqual([1, 2]);
    expect(log[1].loss).toBeGreaterThan(0);

    const scores = await Promise.all([join(out, 'model.json'), join(out, 'builtin.onnx')].map(async (model) => {
      const test = await runCli(['test', '--model', model, '--count', '80', '--json']);
      expect(test.code, test.stderr).toBe(0);
      return JSON.parse(test.stdout) as { map: number; auroc: number };
    }));
    expect(scores[0].map).toBeGreaterThan(0);
    expect(scores[1].map).toBeCloseTo(scores[0].map, 4);
    expect(scores[1].auroc).toBeCloseTo(scores[0].auroc, 4);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const threads = await runCli(['train', '--out', '/tmp/never-written', '--threads', '0']);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toMatch(/--threads must be a positive integer, got 0/);
  });
});
