/**
 * Which shards of a run directory have finished, which are still running (or died), which never
 * started: read from the manifests the shards wrote (merge copies them along).
 */
import type { ManifestFile, RunManifest, RunStatus } from './run-manifest.js';

export interface ShardEntry {
  index: number;
  count: number;
  /** 'missing': no manifest, the shard never started here (or its directory was not merged). */
  state: RunStatus | 'missing' | 'unreadable';
  manifest?: RunManifest;
  file?: string;
  error?: string;
}

export interface ShardCensus {
  /** Shards the run was split into (1 for an unsharded run); null when no manifest says. */
  count: number | null;
  shards: ShardEntry[];
  /** manifest.json of an unsharded run that did not finish, beside shard manifests. */
  whole?: ShardEntry;
  complete: boolean;
}

/**
 * `expectedCount` comes from the user (status --shards) when no shard may have started yet.
 * A directory holding shards of several counts is complete when any one set is; otherwise the
 * largest set is reported.
 */
export function shardCensus(files: ManifestFile[], expectedCount?: number): ShardCensus {
  const wholeFile = files.find((f) => f.shard === null);
  const whole = wholeFile ? entry(1, 1, wholeFile) : undefined;
  if (whole?.state === 'done' && (expectedCount ?? 1) === 1) return { count: 1, shards: [whole], whole, complete: true };
  const byCount = new Map<number, Map<number, ManifestFile>>();
  for (const file of files) {
    if (!file.shard) continue;
    const group = byCount.get(file.shard.count) ?? new Map<number, ManifestFile>();
    group.set(file.shard.index, file);
    byCount.set(file.shard.count, group);
  }
  const counts = expectedCount !== undefined ? [expectedCount] : [...byCount.keys()];
  if (counts.length === 0) return whole ? { count: 1, shards: [whole], whole, complete: false } : { count: null, shards: [], complete: false };
  const censuses = counts.map((count) => {
    const group = byCount.get(count) ?? new Map<number, ManifestFile>();
    const shards = Array.from({ length: count }, (_, i) => entry(i + 1, count, group.get(i + 1)));
    return { count, shards, whole, complete: shards.every((s) => s.state === 'done') };
  });
  return censuses.find((c) => c.complete) ?? censuses.sort((a, b) => b.count - a.count)[0];
}

function entry(index: number, count: number, file?: ManifestFile): ShardEntry {
  if (!file) return { index, count, state: 'missing' };
  if (!file.manifest) return { index, count, state: 'unreadable', file: file.file, error: file.error };
  return { index, count, state: file.manifest.status, manifest: file.manifest, file: file.file };
}

/** The scheduler's index of a shard, from the numbering a sibling shard's task used. */
export function schedulerIndex(census: ShardCensus, index: number): string | undefined {
  const sibling = census.shards.find((s) => s.manifest?.task && s.manifest.shard)?.manifest;
  if (!sibling?.task || !sibling.shard) return undefined;
  if (sibling.task.scheduler === 'kubernetes') return `Kubernetes completion index ${index - 1}`;
  return `Slurm array task ${index - sibling.shard.index + sibling.task.index}`;
}

export function age(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}
