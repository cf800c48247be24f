/**
 * `saliency-bench train`: trains the built-in backbone on the synthetic dataset (made through its
 * plugin, as a run makes it) with the tfjs engine, writing model.json, weights.bin, classes.txt,
 * model-info.json, builtin.onnx and a JSONL log to --out. Ctrl-C stops after the current batch; --resume continues from the last epoch.
 */
import type { CommandModule } from 'yargs';
import { join } from 'node:path';
import { CliError, EXIT_INTERRUPTED } from '../exit-codes.js';
import { builtinPlugin, startDataset } from './start-builtin.js';

export interface TrainArgs {
  dataset: string;
  size: number;
  'train-count': number;
  'val-count': number;
  epochs?: number;
  'batch-size'?: number;
  lr?: number;
  optimizer?: 'sgd' | 'adam';
  seed: number;
  out: string;
  resume: boolean;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  onnx: boolean;
  'init-from'?: string;
  'fresh-images': boolean;
  threads?: number;
}

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: 'Train the built-in backbone (tfjs engine) and export it to TensorFlow.js and ONNX',
  builder: (y) =>
    y
      .option('dataset', { type: 'string', choices: ['synthetic'], default: 'synthetic', describe: 'Training data' })
      .option('size', { type: 'number', default: 96, describe: 'Input side in pixels (images are rendered at this size)' })
      .option('train-count', { type: 'number', default: 3000, describe: 'Training images per epoch (rendered at the start of each epoch, kept in memory)' })
      .option('fresh-images', { type: 'boolean', default: true, describe: 'Train every epoch on never-seen images (--no-fresh-images: the same ones again)' })
      .option('val-count', { type: 'number', default: 300, describe: 'Validation images (mAP after every epoch)' })
      .option('epochs', { type: 'number', describe: 'Epochs (default 18)' })
      .option('batch-size', { type: 'number', describe: 'Images per step (default 32)' })
      .option('lr', { type: 'number', describe: 'Peak learning rate of the cosine schedule (default 0.006 adam, 0.05 sgd)' })
      .option('optimizer', { type: 'string', choices: ['sgd', 'adam'] as const, describe: 'sgd (momentum 0.9, Nesterov) or adam (default)' })
      .option('seed', { type: 'number', default: 0, describe: 'Seed of weights, shuffling and augmentation' })
      .option('out', { type: 'string', default: 'runs/train-builtin', describe: 'Output directory' })
      .option('resume', { type: 'boolean', default: false, describe: 'Continue from the last checkpoint in --out' })
      .option('backend', { type: 'string', choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const, default: 'wasm' as const, describe: 'tfjs backend; tensorflow needs @tensorflow/tfjs-node-gpu or -node installed' })
      .option('threads', { type: 'number', describe: 'Threads computing each batch, data parallel (default 2, or 1 on a one-core machine)' })
      .option('init-from', { type: 'string', describe: 'Start from the weights of this model.json (a warm restart with a fresh schedule)' })
      .option('onnx', { type: 'boolean', default: true, describe: 'Also export builtin.onnx when training ends' })
      .example('$0 train --out runs/builtin', 'train with the defaults (the shipped weights; about 14 min on 2 CPU cores)')
      .example('$0 train --out runs/builtin --resume', 'continue an interrupted training'),
  handler: async (args) => {
    const positive = { threads: args.threads ?? 1, size: args.size, 'train-count': args['train-count'], 'val-count': args['val-count'], epochs: args.epochs ?? 1, 'batch-size': args['batch-size'] ?? 1, lr: args.lr ?? 1 };
    for (const [name, value] of Object.entries(positive)) {
      if (!(value > 0) || (name !== 'lr' && !Number.isInteger(value))) throw new CliError(`--${name} must be a positive ${name === 'lr' ? 'number' : 'integer'}, got ${value}`, 2);
    }
    // Loaded here, not at the top: `list` and `validate` must not pay for tfjs.
    const models = await import('@saliency-bench/models');
    const plugin = await builtinPlugin('dataset', args.dataset, '--dataset');
    const dataset = (split: 'train' | 'val', count: number) =>
      startDataset(plugin, { count, width: args.size, height: args.size, seed: args.seed, split }, { baseDir: process.cwd(), seed: args.seed }, `--dataset ${args.dataset}`);
    const epochs = args.epochs ?? models.trainDefaults.epochs;
    const trainImages = args['train-count'] * (args['fresh-images'] ? epochs : 1);
    const [train, val] = [await dataset('train', trainImages), await dataset('val', args['val-count'])];
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await models.trainBackbone({
        train, trainCount: args['train-count'], freshImages: args['fresh-images'], val, outDir: args.out,
        inputSize: args.size, epochs: args.epochs, batchSize: args['batch-size'], lr: args.lr, optimizer: args.optimizer,
        seed: args.seed, backend: args.backend, threads: args.threads, resume: args.resume, signal: controller.signal, initFrom: args['init-from'],
      });
      if (result.interrupted) throw new CliError(`training interrupted; resume with: saliency-bench train --out ${args.out} --resume (and the same options)`, EXIT_INTERRUPTED);
      await models.writeModelInfo(args.out, args.size);
      if (args.onnx) {
        const path = await models.exportTrainedOnnx(join(args.out, 'model.json'), join(args.out, 'builtin.onnx'));
        process.stderr.write(`onnx: ${path}\n`);
      }
      const last = result.epochs.at(-1);
      if (last) process.stderr.write(`done: ${result.epochs.length} epochs, val mAP ${last.valMap.toFixed(4)}; model in ${args.out}\n`);
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
