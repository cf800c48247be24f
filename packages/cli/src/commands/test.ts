/**
 * `saliency-bench test`: a classifier's mAP and per-class AUROC on a dataset split, as a table
 * (or JSON). The model is `builtin` (the shipped weights), a tfjs model.json or its directory, or
 * an .onnx file (classes and normalisation from the files beside it, see the model plugins); the
 * dataset is any built-in dataset plugin. Both are made through the plugins, as `run` makes them,
 * with the execution settings of the flags.
 */
import type { CommandModule } from 'yargs';
import { stat } from 'node:fs/promises';
import type { Classifier, Dataset, ExecutionOptions } from '@saliency-bench/core';
import { builtinDatasets } from '@saliency-bench/datasets/builtins';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';
import { datasetOptions, type DatasetFlags } from './test-dataset.js';
import { builtinPlugin, startDataset, startModel } from './start-builtin.js';

export interface TestArgs extends DatasetFlags {
  model: string;
  engine: 'onnx' | 'tfjs';
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  provider: string;
  threads: number;
  'batch-size': number;
  json: boolean;
}

/** The model entry a run would have for --model: the builtin, onnx or tfjs plugin. */
async function modelEntry(args: TestArgs): Promise<{ use: string; options: Record<string, unknown> }> {
  if (args.model === 'builtin') return { use: 'builtin', options: { engine: args.engine, backend: args.backend } };
  if (!(await stat(args.model).catch(() => undefined))) throw new CliError(`--model ${args.model} does not exist; give builtin, a model.json (or its directory) or an .onnx file`, EXIT_BAD_INPUT);
  if (args.model.endsWith('.onnx')) return { use: 'onnx', options: { path: args.model } };
  return { use: 'tfjs', options: { model: args.model, backend: args.backend } };
}

/** The dataset and the model; a dataset that takes an image size gets the model's. */
async function open(args: TestArgs, execution: ExecutionOptions): Promise<{ dataset: Dataset; classifier: Classifier }> {
  const baseDir = process.cwd();
  const datasetPlugin = await builtinPlugin('dataset', args.dataset, '--dataset');
  const options = datasetOptions(datasetPlugin, args);
  const flag = `--dataset ${args.dataset}`;
  let dataset = await startDataset(datasetPlugin, options, { baseDir, seed: args.seed }, flag);
  const entry = await modelEntry(args);
  let classifier: Classifier;
  try {
    classifier = await startModel(await builtinPlugin('model', entry.use, '--model'), entry.options, { baseDir, datasetClasses: dataset.classes, execution }, `--model ${args.model}`);
  } catch (error) {
    await dataset.dispose?.();
    throw error;
  }
  const sized = datasetPlugin.schema.properties as Record<string, unknown> | undefined;
  if (sized && 'width' in sized && 'height' in sized && options.width === undefined && options.height === undefined) {
    const [, height, width] = classifier.info.inputShape;
    await dataset.dispose?.();
    dataset = await startDataset(datasetPlugin, { ...options, width, height }, { baseDir, seed: args.seed }, flag);
  }
  return { dataset, classifier };
}

const format = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : '   n/a');

export const testCommand: CommandModule<object, TestArgs> = {
  command: 'test',
  describe: 'Test a classifier: mAP and per-class AUROC on a dataset split',
  builder: (y) =>
    y
      .option('model', { type: 'string', default: 'builtin', describe: 'builtin, a tfjs model.json or its directory, or an .onnx file' })
      .option('engine', { type: 'string', choices: ['onnx', 'tfjs'] as const, default: 'onnx' as const, describe: 'Engine for --model builtin' })
      .option('dataset', { type: 'string', choices: Object.keys(builtinDatasets), default: 'synthetic', describe: 'Test data, any built-in dataset plugin: synthetic (rendered at the model input size), or voc, coco, imagefolder from files' })
      .option('root', { type: 'string', describe: 'voc: a VOCdevkit folder; coco: the images folder; imagefolder: the folder' })
      .option('annotations', { type: 'string', describe: 'coco: the instances_<split>.json file' })
      .option('split', { type: 'string', choices: ['train', 'val', 'trainval', 'test'] as const, default: 'test' as const, describe: 'Dataset split (synthetic, voc)' })
      .option('dataset-options', { type: 'string', describe: "Any other options of the dataset plugin, as JSON (e.g. '{\"layout\": \"flat\"}')" })
      .option('count', { type: 'number', describe: 'Number of images (default: 1000 synthetic, all of a real dataset)' })
      .option('seed', { type: 'number', default: 0, describe: 'Dataset seed' })
      .option('backend', { type: 'string', choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'tfjs backend for tfjs models' })
      .option('provider', { type: 'string', default: 'cpu', describe: "Execution provider, as a spec's execution.provider: cpu, webgpu, cuda (onnx engine)" })
      .option('threads', { type: 'number', default: 2, describe: "Compute threads, as a spec's execution.threads" })
      .option('batch-size', { type: 'number', default: 32, describe: 'Images per model call' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
      .example('$0 test', 'the shipped built-in model on 1000 synthetic test images')
      .example('$0 test --model runs/train-builtin --json', 'a freshly trained tfjs model, as JSON')
      .example('$0 test --model voc-resnet50.onnx --dataset voc --root data/VOCdevkit', 'an exported VOC model on VOC 2007 test'),
  handler: async (args) => {
    for (const [name, value] of [['count', args.count], ['threads', args.threads], ['batch-size', args['batch-size']]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new CliError(`--${name} must be a positive integer, got ${value}`, EXIT_BAD_INPUT);
    }
    const models = await import('@saliency-bench/models');
    const execution = { batchSize: args['batch-size'], threads: args.threads, provider: args.provider };
    const { dataset, classifier } = await open(args, execution);
    try {
      const result = await models.evaluateClassifier(classifier, dataset, { batchSize: args['batch-size'], count: args.count });
      const perClass = result.classes.map((name, k) => ({ class: name, ap: result.perClassAp[k], auroc: result.perClassAuroc[k] }));
      if (args.json) {
        const summary = { model: args.model, engine: args.model === 'builtin' ? args.engine : undefined, dataset: args.dataset, split: args.split, count: result.count, map: result.map, auroc: result.auroc, perClass };
        process.stdout.write(JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
        return;
      }
      const width0 = Math.max(5, ...result.classes.map((c) => c.length));
      const lines = [`${'class'.padEnd(width0)}  AP ↑    AUROC ↑`];
      for (const row of perClass) lines.push(`${row.class.padEnd(width0)}  ${format(row.ap)}  ${format(row.auroc)}`);
      lines.push(`${'mean'.padEnd(width0)}  ${format(result.map)}  ${format(result.auroc)}`);
      process.stdout.write(lines.join('\n') + `\n${classifier.info.name}: mAP ${format(result.map)}, mean AUROC ${format(result.auroc)} on ${result.count} ${args.dataset} ${args.split} images\n`);
    } finally {
      await classifier.dispose();
      await dataset.dispose?.();
    }
  },
};
