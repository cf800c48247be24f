import { describe, it, expect, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Dataset, type Sample } from '@saliency-bench/core';
import { trainBackbone } from '../src/training/train-backbone.js';
import type { TrainBackboneOptions } from '../src/training/train-options.js';
import type { ProgressReporter } from '../src/training/progress.js';

const S = 16;

/** Two classes: a bright square top-left (class 0) and/or bottom-right (class 1), on noise. */
function squaresDataset(count: number, split: string): Dataset {
  return {
    classes: ['top-left', 'bottom-right'],
    size: async () => count,
    async load(index): Promise<Sample> {
      const random = createRandom('squares', split, index);
      const image = random.fillNormal(new Float32Array(3 * S * S), 0.3, 0.05);
      const labels = [0, 1].filter(() => random.uniform() < 0.5);
      for (const label of labels) {
        const origin = label === 0 ? 2 : 9;
        for (let c = 0; c < 3; c++) for (let y = origin; y < origin + 5; y++) for (let x = origin; x < origin + 5; x++) image[c * S * S + y * S + x] = 0.9;
      }
      return { id: `${split}-${index}`, image, width: S, height: S, labels, objects: [] };
    },
  };
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'train-backbone-'));
  dirs.push(dir);
  return dir;
};
const silent: ProgressReporter = { batch() {}, line() {} };
const base = (outDir: string): TrainBackboneOptions => ({
  train: squaresDataset(32, 'train'), val: squaresDataset(16, 'val'), outDir,
  inputSize: S, channels: [4, 8], epochs: 2, batchSize: 8, lr: 0.01, optimizer: 'adam', translate: 1,
  backend: 'wasm', progress: silent,
});

describe('trainBackbone', () => {
  it('lowers the loss and writes the model, classes and a JSONL log', async () => {
    const outDir = await tempDir();
    const result = await trainBackbone({ ...base(outDir), epochs: 3 });
    expect(result.epochs.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(result.epochs[2].loss).toBeLessThan(result.epochs[0].loss);
    const log = (await readFile(join(outDir, 'train-log.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(log.map((r: { epoch: number }) => r.epoch)).toEqual([1, 2, 3]);
    expect(log[2].valMap).toBeGreaterThan(0);
    expect(await readFile(join(outDir, 'classes.txt'), 'utf8')).toBe('top-left\nbottom-right\n');
    const model = JSON.parse(await readFile(join(outDir, 'model.json'), 'utf8'));
    expect(model.userDefinedMetadata.saliencyBench.classes).toEqual(['top-left', 'bottom-right']);

    // A warm restart from these weights starts where they left off, not at a fresh model's loss.
    const restart = await trainBackbone({ ...base(await tempDir()), epochs: 1, initFrom: join(outDir, 'model.json') });
    expect(restart.epochs[0].loss).toBeLessThan(result.epochs[0].loss);
    await expect(trainBackbone({ ...base(await tempDir()), inputSize: 24, initFrom: join(outDir, 'model.json') })).rejects.toThrow(/takes 16x16 inputs/);
  });

  it('with freshImages trains each epoch on the next trainCount samples', async () => {
    const loaded: number[] = [];
    const source = squaresDataset(100, 'train');
    const recording: Dataset = { ...source, load: (index) => { loaded.push(index); return source.load(index); } };
    const result = await trainBackbone({ ...base(await tempDir()), train: recording, freshImages: true, trainCount: 24, epochs: 3 });
    expect(result.epochs).toHaveLength(3);
    expect(loaded).toEqual(Array.from({ length: 72 }, (_, i) => i));
    await expect(trainBackbone({ ...base(await tempDir()), train: squaresDataset(2, 'train'), freshImages: true, epochs: 3 }))
      .rejects.toThrow(/2 training samples cannot give 3 epochs of fresh images/);
  });

  it.each([[false, 1], [true, 1], [false, 2]])('resumes an interrupted run to exactly the weights of an uninterrupted one (freshImages %s, threads %i)', async (freshImages, threads) => {
    const settings = (outDir: string): TrainBackboneOptions => ({ ...base(outDir), freshImages: freshImages as boolean, threads: threads as number, train: squaresDataset(64, 'train') });
    const whole = await tempDir();
    await trainBackbone(settings(whole));

    const split = await tempDir();
    const controller = new AbortController();
    // Interrupt after the first batch of epoch 2, as Ctrl-C would.
    const interrupting: ProgressReporter = { batch: (epoch, _e, b) => { if (epoch === 2 && b === 1) controller.abort(); }, line() {} };
    const first = await trainBackbone({ ...settings(split), progress: interrupting, signal: controller.signal });
    expect(first.interrupted).toBe(true);
    expect(JSON.parse(await readFile(join(split, 'checkpoint.json'), 'utf8')).epoch).toBe(1);

    await expect(trainBackbone(settings(split))).rejects.toThrow(/already holds a checkpoint; pass --resume/);
    await expect(trainBackbone({ ...settings(split), resume: true, lr: 0.02 })).rejects.toThrow(/made with other settings/);

    const resumed = await trainBackbone({ ...settings(split), resume: true });
    expect(resumed.interrupted).toBe(false);
    expect(resumed.epochs.map((r) => r.epoch)).toEqual([1, 2]);
    const a = new Float32Array((await readFile(join(whole, 'weights.bin'))).buffer.slice(0));
    const b = new Float32Array((await readFile(join(split, 'weights.bin'))).buffer.slice(0));
    expect(b.length).toBe(a.length);
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
