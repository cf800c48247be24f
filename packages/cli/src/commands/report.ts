/** `saliency-bench report <run dir>`: write the run's self-contained report.html. */
import type { CommandModule } from 'yargs';
import { COLORMAPS, type ColormapName } from '../report/colormap.js';
import { CliError, EXIT_BAD_INPUT } from '../exit-codes.js';
import { requireRunDirectory } from './run-directory.js';

interface ReportArgs {
  run: string;
  out?: string;
  colormap: ColormapName;
  spread: number;
  disagreement: number;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <run>',
  describe: 'Write <run>/report.html: leaderboard, gallery of maps, curves and distributions in one offline file',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory' })
      .option('out', { type: 'string', describe: 'Where to write the report (default <run>/report.html)' })
      .option('colormap', { type: 'string', choices: COLORMAPS, default: 'viridis' as const, describe: 'Colormap of the maps' })
      .option('spread', { type: 'number', default: 12, describe: 'Gallery rows dealt over the classes' })
      .option('disagreement', { type: 'number', default: 6, describe: 'Extra gallery rows: the jobs where methods disagree most' })
      .example('$0 report runs/quickstart', 'write runs/quickstart/report.html'),
  handler: async (args) => {
    for (const name of ['spread', 'disagreement'] as const) {
      if (!Number.isInteger(args[name]) || args[name] < 0) throw new CliError(`--${name} must be a whole number >= 0, got ${args[name]}`, EXIT_BAD_INPUT);
    }
    await requireRunDirectory(args.run);
    const result = await writeRunReport(args.run, args);
    process.stdout.write(`${result.path}\n`);
  },
};

/** Also used by `run --report`. Sharp and the renderer load only here. */
export async function writeRunReport(run: string, args: { out?: string; colormap?: ColormapName; spread?: number; disagreement?: number } = {}) {
  const { writeReport } = await import('../report/build-report.js');
  const result = await writeReport(run, {
    out: args.out,
    colormap: args.colormap,
    gallery: { spread: args.spread ?? 12, disagreement: args.disagreement ?? 6 },
  });
  process.stderr.write(`report: ${result.path} (${(result.bytes / 1024).toFixed(0)} KiB, ${result.galleryRows} gallery rows, ${result.seconds.toFixed(1)} s)\n`);
  return result;
}
