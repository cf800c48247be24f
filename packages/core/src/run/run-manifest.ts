/**
 * manifest.json (or manifest.shard-i-of-n.json): what a run or shard is, who runs it, and how far
 * it got. Rewritten atomically as the run progresses, so `status` can watch a cluster run and
 * `merge` can tell a finished shard from a dead one.
 */
import { readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { Plan } from '../spec/resolved-spec.js';
import type { RunCounts, RunOptions, RunTimings, SkippedSample } from './run-events.js';
import type { Shard } from './run-store.js';
import type { SchedulerTask } from './scheduler-shard.js';

export type RunStatus = 'running' | 'done' | 'interrupted' | 'failed';

export interface RunProgress {
  samplesDone: number;
  samplesTotal: number;
  /** Maps finished (computed now or reused) by the latest attempt. */
  mapsDone: number;
  /** Maps this shard will hold: exact once every sample's targets are chosen, estimated before. */
  mapsExpected: number;
  mapsExpectedIsEstimate: boolean;
}

/** One process that worked on the run or shard; a killed one stays 'running' forever. */
export interface RunAttempt {
  jobId: string | null;
  host: string;
  pid: number;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
}

export interface RunManifest {
  name: string;
  hash: string;
  seed: number;
  versions: { core: string; node: string; plugins: Record<string, string> };
  execution: Plan['spec']['execution'];
  shard: Shard | null;
  /** The scheduler task (Slurm array task, Kubernetes completion index) when run with --shard auto. */
  task: SchedulerTask | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  status: RunStatus;
  progress: RunProgress;
  counts: RunCounts;
  attempts: RunAttempt[];
  timings?: RunTimings;
  /** Samples with bad data left out under skipBadSamples. */
  skippedSamples?: SkippedSample[];
  /** Whether the directory's leaderboard covers the whole spec, when this process finished (see runCompleteness). */
  partial?: boolean;
  partialReasons?: string[];
  error?: string;
}

/** What the runner keeps changing: read again at every write. */
export type LiveManifestFields = Pick<RunManifest, 'counts' | 'timings' | 'skippedSamples'>;

export function manifestFileName(shard?: Shard | null): string {
  return shard && shard.count > 1 ? `manifest.shard-${shard.index}-of-${shard.count}.json` : 'manifest.json';
}

const MANIFEST_NAME = /^manifest(?:\.shard-(\d+)-of-(\d+))?\.json$/;

/** A manifest file of a run directory; the shard comes from its name, so an unreadable one still counts. */
export interface ManifestFile {
  file: string;
  /** null for manifest.json (an unsharded run). */
  shard: Shard | null;
  manifest?: RunManifest;
  /** Why the file could not be read. */
  error?: string;
}

export async function readManifests(dir: string): Promise<ManifestFile[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => MANIFEST_NAME.test(name)).sort();
  const files: ManifestFile[] = [];
  for (const name of names) {
    const match = MANIFEST_NAME.exec(name)!;
    const file = join(dir, name);
    const shard = match[1] ? { index: Number(match[1]), count: Number(match[2]) } : null;
    try {
      const manifest = JSON.parse(await readFile(file, 'utf8')) as RunManifest;
      if (typeof manifest?.status !== 'string') throw new Error('no status field');
      files.push({ file, shard, manifest });
    } catch (error) {
      files.push({ file, shard, error: (error as Error).message });
    }
  }
  return files;
}

/** Keeps one process's manifest up to date; progress writes are throttled. */
export class ManifestWriter {
  private manifest!: RunManifest;
  private lastWrite = 0;

  constructor(
    private readonly dir: string,
    private readonly plan: Plan,
    private readonly options: RunOptions,
    private readonly live: () => LiveManifestFields,
  ) {}

  async start(): Promise<void> {
    const path = join(this.dir, manifestFileName(this.options.shard));
    const previous = await readFile(path, 'utf8').then((text) => JSON.parse(text) as RunManifest, () => undefined);
    const now = new Date().toISOString();
    const attempt: RunAttempt = { jobId: this.options.task?.jobId ?? null, host: this.options.task?.host ?? hostname(), pid: process.pid, startedAt: now, endedAt: null, status: 'running' };
    const corePackage = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const { spec } = this.plan;
    const plugins = [...this.plan.datasets, ...this.plan.models, ...this.plan.methods, ...this.plan.metrics];
    this.manifest = {
      name: spec.name,
      hash: this.plan.hash,
      seed: spec.seed,
      versions: { core: corePackage.version, node: process.version, plugins: Object.fromEntries(plugins.map((p) => [`${p.plugin.kind}:${p.entry.id}`, `${p.entry.use}@${p.entry.version} (${p.source})`])) },
      execution: spec.execution,
      shard: this.options.shard ?? null,
      task: this.options.task ?? null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
      status: 'running',
      progress: { samplesDone: 0, samplesTotal: 0, mapsDone: 0, mapsExpected: 0, mapsExpectedIsEstimate: true },
      ...this.live(),
      attempts: [...(previous?.hash === this.plan.hash ? (previous.attempts ?? []) : []), attempt],
    };
    await this.write();
  }

  async progress(progress: RunProgress, force = false): Promise<void> {
    this.manifest.progress = progress;
    if (force || Date.now() - this.lastWrite >= 1000) await this.write();
  }

  /** Fields added after the end (partial, partialReasons). */
  async update(fields: Partial<RunManifest>): Promise<void> {
    Object.assign(this.manifest, fields);
    await this.write();
  }

  async finish(status: Exclude<RunStatus, 'running'>, error?: string): Promise<void> {
    const now = new Date().toISOString();
    this.manifest.status = status;
    this.manifest.endedAt = now;
    this.manifest.attempts[this.manifest.attempts.length - 1] = { ...this.manifest.attempts.at(-1)!, endedAt: now, status };
    if (error) this.manifest.error = error;
    else delete this.manifest.error;
    await this.write();
  }

  private async write(): Promise<void> {
    this.lastWrite = Date.now();
    Object.assign(this.manifest, this.live());
    this.manifest.updatedAt = new Date().toISOString();
    await writeFileAtomic(join(this.dir, manifestFileName(this.options.shard)), JSON.stringify(this.manifest, null, 2) + '\n');
  }
}
