/** What a run reports while it works, and what it returns. */
import type { LeaderboardRow } from '../results/leaderboard.js';
import type { Shard } from './run-store.js';
import type { SchedulerTask } from './scheduler-shard.js';

export type RunEvent =
  | { type: 'start'; total: number; outDir: string }
  | { type: 'progress'; done: number; total: number; mapsComputed: number; mapsReused: number }
  | { type: 'message'; text: string }
  /** What the run is doing now (loading a model, a method on a chunk, a metric): for progress lines. */
  | { type: 'activity'; text: string };

export interface RunOptions {
  /** Run directory; default: the spec's output. */
  outDir?: string;
  shard?: Shard;
  /** The scheduler task that runs this shard (--shard auto); recorded in the manifest. */
  task?: SchedulerTask;
  /** Delete what the run directory holds and start over. */
  fresh?: boolean;
  signal?: AbortSignal;
  /** A report will be drawn: ask metrics to keep their curves (MetricContext.recordCurves). */
  recordCurves?: boolean;
  onEvent?: (event: RunEvent) => void;
  /** Record samples with bad data as skipped and carry on (default: the spec's execution.skipBadSamples). */
  skipBadSamples?: boolean;
}

/** A sample left out because its data is bad (--skip-bad-samples), with the error that says why. */
export interface SkippedSample {
  dataset: string;
  /** Position in the dataset. */
  index: number;
  reason: string;
}

/** Where the wall time went: the total, and how long the runner waited for samples to load. */
export interface RunTimings {
  wallMs: number;
  dataWaitMs: number;
}

export interface RunCounts {
  mapsComputed: number;
  mapsReused: number;
  mapsFailed: number;
  recordsWritten: number;
  recordsReused: number;
  /** Metric records written as failed (a failed map fails every metric of its job). */
  recordsFailed: number;
  samplesFailed: number;
  /** Samples with bad data left out under skipBadSamples. */
  samplesSkipped: number;
}

export interface RunSummary extends RunCounts {
  outDir: string;
  aborted: boolean;
  /** The leaderboard does not cover the whole spec (interrupted, one shard, shards missing). */
  partial: boolean;
  partialReasons: string[];
  rows: LeaderboardRow[];
  leaderboardPath: string;
  skippedSamples: SkippedSample[];
  timings: RunTimings;
}
