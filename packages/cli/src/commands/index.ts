/** Every CLI command, in the order --help lists them. */
import type { CommandModule } from 'yargs';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { listCommand } from './list.js';
import { leaderboardCommand } from './leaderboard.js';
import { mergeCommand } from './merge.js';

export const commands = [runCommand, validateCommand, listCommand, leaderboardCommand, mergeCommand] as CommandModule<object, any>[];
