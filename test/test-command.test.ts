/**
 * `saliency-bench test` makes its dataset and model through the plugins, as `run` does: any
 * built-in dataset plugin can be scored, and the execution flags reach the engine, which refuses
 * what it cannot honour.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OnnxGraphBuilder } from '@saliency-bench/models';
import { repoRoot, runCli, scratchDir } from './helpers/cli.js';

const JPEGS = join(repoRoot, 'packages/datasets/test/fixtures/voc2007-sample/VOCdevkit/VOC2007/JPEGImages');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('saliency-bench test through the plugins', () => {
  it('scores an ONNX model on an image folder, a dataset it had no code for', async () => {
    const dir = await scratchDir('test-imagefolder');
    dirs.push(dir);
    const images = ['000001', '000002', '000003', '000004'];
    for (const [i, id] of images.entries()) {
      const folder = join(dir, 'photos', i < 2 ? 'first' : 'second');
      await mkdir(folder, { recursive: true });
      await copyFile(join(JPEGS, `${id}.jpg`), join(folder, `${id}.jpg`));
    }
    // Two classes scored by the mean red and the mean blue of the image.
    const g = new OnnxGraphBuilder({ opset: 13 });
    const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [g.input('input', ['N', 3, 16, 16])])], { axis: 1 });
    g.output(g.node('Gemm', [pooled, g.initializer('w', Float32Array.from([1, 0, 0, 0, 0, 1]), [2, 3])], { transB: 1 }), 'logits');
    await writeFile(join(dir, 'colour.onnx'), g.toBytes());
    const result = await runCli(['test', '--model', join(dir, 'colour.onnx'), '--dataset', 'imagefolder', '--root', join(dir, 'photos'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect([summary.dataset, summary.count]).toEqual(['imagefolder', 4]);
    expect(summary.perClass.map((c: { class: string }) => c.class)).toEqual(['first', 'second']);
    expect(summary.map).toBeCloseTo((summary.perClass[0].ap + summary.perClass[1].ap) / 2, 10);
  });

  it('refuses an execution provider the engine cannot honour, naming the field, with exit code 2', async () => {
    const result = await runCli(['test', '--engine', 'tfjs', '--provider', 'webgpu', '--count', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --model builtin could not start: execution\.provider "webgpu": the tfjs engine computes on the CPU only/);
  });
});
