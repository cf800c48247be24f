/**
 * `saliency-bench test`: a classifier's mAP and per-class AUROC on a dataset split, as a table
 * (or JSON). The model is `builtin` (the shipped weights), a tfjs model.json or its directory, or
 * an .onnx file (with classes and normalisation from a model-info.json beside it, if present).
 */
import type { CommandModule } from 'yargs';
import { dirname, join } from 'node:path';
import { stat } from 'node:fs/promises';
import type { Classifier } from '@saliency-bench/core';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';
import { openRealDataset } from './test-dataset.js';

export interface TestArgs {
  model: string;
  engine: 'onnx' | 'tfjs';
  dataset: 'synthetic' | 'voc' | 'coco' | 'imagefolder';
  root?: string;
  annotations?: string;
  split: 'train' | 'val' | 'trainval' | 'test';
  count?: number;
  seed: number;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  json: boolean;
}

/** datasetClasses: the class names an .onnx model without a model-info.json takes (the dataset's). */
async function loadModel(args: TestArgs, datasetClasses: readonly string[] = []): Promise<Classifier> {
  const models = await import('@saliency-bench/models');
  if (args.model === 'builtin') {
    const plugin = await models.builtinModels.builtin();
    return plugin.create({ engine: args.engine, backend: args.backend }, {
      baseDir: process.cwd(), datasetClasses: [], execution: { batchSize: 32, threads: 2, provider: 'cpu' },
    });
  }
  if (!(await stat(args.model).catch(() => undefined))) throw new CliError(`--model ${args.model} does not exist; give builtin, a model.json (or its directory) or an .onnx file`, EXIT_BAD_INPUT);
  if (args.model.endsWith('.onnx')) {
    const info = await models.readModelInfo(join(dirname(args.model), 'model-info.json'));
    return models.loadOnnxClassifier({
      path: args.model, classes: info?.classes, mean: info?.mean, std: info?.std, activation: info?.activation ?? 'sigmoid',
      inputSize: info ? [info.inputShape[1], info.inputShape[2]] : undefined,
    }, { datasetClasses });
  }
  return models.loadTfjsClassifier({ model: args.model, backend: args.backend });
}

const format = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : '   n/a');

export const testCommand: CommandModule<object, TestArgs> = {
  command: 'test',
  describe: 'Test a classifier: mAP and per-class AUROC on a dataset split',
  builder: (y) =>
    y
      .option('model', { type: 'string', default: 'builtin', describe: 'builtin, a tfjs model.json or its directory, or an .onnx file' })
      .option('engine', { type: 'string', choices: ['onnx', 'tfjs'] as const, default: 'onnx' as const, describe: 'Engine for --model builtin' })
      .option('dataset', { type: 'string', choices: ['synthetic', 'voc', 'coco', 'imagefolder'] as const, default: 'synthetic' as const, describe: 'Test data: synthetic (rendered at the model input size), or voc, coco, imagefolder from files' })
      .option('root', { type: 'string', describe: 'voc: a VOCdevkit folder; coco: the images folder; imagefolder: the folder' })
      .option('annotations', { type: 'string', describe: 'coco: the instances_<split>.json file' })
      .option('split', { type: 'string', choices: ['train', 'val', 'trainval', 'test'] as const, default: 'test' as const, describe: 'Dataset split (synthetic, voc)' })
      .option('count', { type: 'number', describe: 'Number of images (default: 1000 synthetic, all of a real dataset)' })
      .option('seed', { type: 'number', default: 0, describe: 'Dataset seed' })
      .option('backend', { type: 'string', choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'tfjs backend for tfjs models' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
      .example('$0 test', 'the shipped built-in model on 1000 synthetic test images')
      .example('$0 test --model runs/train-builtin --json', 'a freshly trained tfjs model, as JSON')
      .example('$0 test --model voc-resnet50.onnx --dataset voc --root data/VOCdevkit', 'an exported VOC model on VOC 2007 test'),
  handler: async (args) => {
    if (args.count !== undefined && (!Number.isInteger(args.count) || args.count < 1)) throw new CliError(`--count must be a positive integer, got ${args.count}`, EXIT_BAD_INPUT);
    if (args.dataset === 'synthetic' && args.split === 'trainval') throw new CliError('--split trainval is a VOC split; synthetic has train, val and test', EXIT_BAD_INPUT);
    const models = await import('@saliency-bench/models');
    const { createSyntheticDataset } = await import('@saliency-bench/datasets');
    const real = args.dataset === 'synthetic' ? undefined : await openRealDataset(args);
    const classifier = await loadModel(args, real?.classes);
    try {
      const [, height, width] = classifier.info.inputShape;
      const split = args.split as 'train' | 'val' | 'test';
      const dataset = real ?? createSyntheticDataset({ count: args.count ?? 1000, width, height, seed: args.seed, split });
      const result = await models.evaluateClassifier(classifier, dataset, { batchSize: 32, count: args.count });
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
    }
  },
};
