/** Every CLI command, in the order --help lists them. */
import type { CommandModule } from 'yargs';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { listCommand } from './list.js';
import { leaderboardCommand } from './leaderboard.js';
import { mergeCommand } from './merge.js';
import { compareCommand } from './compare.js';
import { sanityCommand } from './sanity.js';
import { statusCommand } from './status.js';
import { trainCommand } from './train.js';
import { testCommand } from './test.js';
import { reportCommand } from './report.js';
import { visualizeCommand } from './visualize.js';

export const commands = [runCommand, validateCommand, listCommand, leaderboardCommand, compareCommand, sanityCommand, mergeCommand, statusCommand, reportCommand, visualizeCommand, trainCommand, testCommand] as CommandModule<object, any>[];
