/** `saliency-bench visualize <run dir>`: PNG overlays of the maps, like the papers' figures. */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { COLORMAPS, type ColormapName } from '../report/colormap.js';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';
import { requireRunDirectory } from './run-directory.js';

interface VisualizeArgs {
  run: string;
  method: string[];
  limit: number;
  out?: string;
  colormap: ColormapName;
  opacity: number;
}

export const visualizeCommand: CommandModule<object, VisualizeArgs> = {
  command: 'visualize <run>',
  describe: 'Write PNG overlays of the maps (map over image, ground-truth boxes of the target class)',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory' })
      .option('method', { type: 'string', array: true, default: [], describe: 'Only these methods (ids; repeatable)' })
      .option('limit', { type: 'number', default: 20, describe: 'Maps per method, in job key order' })
      .option('out', { type: 'string', describe: 'Output directory (default <run>/overlays)' })
      .option('colormap', { type: 'string', choices: COLORMAPS, default: 'viridis' as const, describe: 'Colormap of the maps' })
      .option('opacity', { type: 'number', default: 0.6, describe: 'Weight of the map colour over the image, 0..1' })
      .example('$0 visualize runs/quickstart --method rp --limit 5', 'five RP overlays in runs/quickstart/overlays/'),
  handler: async (args) => {
    if (!Number.isInteger(args.limit) || args.limit < 1) throw new CliError(`--limit must be a whole number >= 1, got ${args.limit}`, EXIT_BAD_INPUT);
    if (!(args.opacity >= 0 && args.opacity <= 1)) throw new CliError(`--opacity must be between 0 and 1, got ${args.opacity}`, EXIT_BAD_INPUT);
    await requireRunDirectory(args.run);
    const { writeOverlays, UnknownMethodError } = await import('../report/write-overlays.js');
    const out = args.out ?? join(args.run, 'overlays');
    try {
      const { written, missingSamples } = await writeOverlays(args.run, { out, methods: args.method, limit: args.limit, colormap: args.colormap, opacity: args.opacity });
      if (missingSamples.length > 0) process.stderr.write(`warning: ${missingSamples.length} samples not found in the dataset: ${missingSamples.slice(0, 5).join(', ')}\n`);
      process.stderr.write(`overlays: ${written.length} PNG files in ${out}\n`);
    } catch (error) {
      if (error instanceof UnknownMethodError) throw new CliError(`${error.message}; pick one with --method`, EXIT_BAD_INPUT);
      throw error;
    }
  },
};
