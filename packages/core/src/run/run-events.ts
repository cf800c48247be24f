/** What a run reports while it works, and what it returns. */
import type { LeaderboardRow } from '../results/leaderboard.js';
import type { Shard } from './run-store.js';

export type RunEvent =
  | { type: 'start'; total: number; outDir: string }
  | { type: 'progress'; done: number; total: number; mapsComputed: number; mapsReused: number }
  | { type: 'message'; text: string };

export interface RunOptions {
  /** Run directory; default: the spec's output. */
  outDir?: string;
  shard?: Shard;
  /** Delete what the run directory holds and start over. */
  fresh?: boolean;
  signal?: AbortSignal;
  /** A report will be drawn: ask metrics to keep their curves (MetricContext.recordCurves). */
  recordCurves?: boolean;
  onEvent?: (event: RunEvent) => void;
}

export interface RunCounts {
  mapsComputed: number;
  mapsReused: number;
  mapsFailed: number;
  recordsWritten: number;
  recordsReused: number;
  samplesFailed: number;
}

export interface RunSummary extends RunCounts {
  outDir: string;
  aborted: boolean;
  rows: LeaderboardRow[];
  leaderboardPath: string;
}
