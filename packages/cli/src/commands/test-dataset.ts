/**
 * The real datasets `saliency-bench test` can score a model on, opened through their plugins
 * (so the options and the errors are the same as in a spec): voc (--root, --split), coco (--root
 * images folder, --annotations instances file), imagefolder (--root).
 */
import type { Dataset } from '@saliency-bench/core';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';

export interface RealDatasetArgs {
  dataset: string;
  root?: string;
  annotations?: string;
  split: string;
}

export async function openRealDataset(args: RealDatasetArgs): Promise<Dataset> {
  const { builtinDatasets } = await import('@saliency-bench/datasets');
  const need = (value: string | undefined, flag: string, what: string) => {
    if (!value) throw new CliError(`--dataset ${args.dataset} needs ${flag} (${what})`, EXIT_BAD_INPUT);
    return value;
  };
  const context = { baseDir: process.cwd(), seed: 0 };
  if (args.dataset === 'voc') {
    if (args.split === 'train' || args.split === 'val' || args.split === 'test' || args.split === 'trainval') {
      const plugin = await builtinDatasets.voc();
      return plugin.create({ ...plugin.defaults, root: need(args.root, '--root', 'a VOCdevkit folder'), split: args.split }, context);
    }
  }
  if (args.dataset === 'coco') {
    const plugin = await builtinDatasets.coco();
    const options = { images: need(args.root, '--root', 'the images folder, e.g. val2014'), annotations: need(args.annotations, '--annotations', 'the instances_<split>.json file'), masks: false };
    return plugin.create(options, context);
  }
  if (args.dataset === 'imagefolder') {
    const plugin = await builtinDatasets.imagefolder();
    return plugin.create({ ...plugin.defaults, root: need(args.root, '--root', 'the image folder') }, context);
  }
  throw new CliError(`--dataset ${args.dataset} with --split ${args.split} is not supported`, EXIT_BAD_INPUT);
}
