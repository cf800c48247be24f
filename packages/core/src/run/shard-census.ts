/**
 * Which shards of a run directory have finished, which are still running (or died), which never
 * started: read from the manifests the shards wrote (merge copies them along).
 */
import type { RunManifest, RunStatus } from './run-manifest.js';

export interface ShardEntry {
  index: number;
  count: number;
  /** 'missing': no manifest, the shard never started here (or its directory was not merged). */
  state: RunStatus | 'missing';
  manifest?: RunManifest;
}

export interface ShardCensus {
  /** Shards the run was split into (1 for an unsharded run); null when no manifest says. */
  count: number | null;
  shards: ShardEntry[];
  complete: boolean;
}

/**
 * `expectedCount` comes from the user (status --shards) when no shard may have started yet.
 * A directory holding shards of several counts is complete when any one set is; otherwise the
 * largest set is reported.
 */
export function shardCensus(manifests: RunManifest[], expectedCount?: number): ShardCensus {
  const whole = manifests.find((m) => !m.shard || m.shard.count === 1);
  const byCount = new Map<number, Map<number, RunManifest>>();
  for (const manifest of manifests) {
    if (!manifest.shard || manifest.shard.count === 1) continue;
    const group = byCount.get(manifest.shard.count) ?? new Map<number, RunManifest>();
    group.set(manifest.shard.index, newest(group.get(manifest.shard.index), manifest));
    byCount.set(manifest.shard.count, group);
  }
  if (whole?.status === 'done' && (expectedCount ?? 1) === 1) {
    return { count: 1, shards: [{ index: 1, count: 1, state: 'done', manifest: whole }], complete: true };
  }
  const counts = expectedCount !== undefined ? [expectedCount] : [...byCount.keys()];
  if (counts.length === 0) {
    return whole ? { count: 1, shards: [{ index: 1, count: 1, state: whole.status, manifest: whole }], complete: false } : { count: null, shards: [], complete: false };
  }
  const censuses = counts.map((count) => {
    const group = byCount.get(count) ?? new Map<number, RunManifest>();
    const shards: ShardEntry[] = Array.from({ length: count }, (_, i) => {
      const manifest = group.get(i + 1);
      return manifest ? { index: i + 1, count, state: manifest.status, manifest } : { index: i + 1, count, state: 'missing' as const };
    });
    return { count, shards, complete: shards.every((s) => s.state === 'done') };
  });
  return censuses.find((c) => c.complete) ?? censuses.sort((a, b) => b.count - a.count)[0];
}

/** What is not finished, one line per shard, with the scheduler task that ran it. */
export function describeUnfinished(census: ShardCensus, now = Date.now()): string[] {
  if (census.count === null) return ['no manifest: cannot tell which shards ran'];
  const known = census.shards.find((s) => s.manifest?.task)?.manifest;
  return census.shards.filter((s) => s.state !== 'done').map((s) => {
    const name = `shard ${s.index}/${s.count}`;
    if (!s.manifest) return `${name} missing: it never started (or its directory was not merged); run it with --shard ${s.index}/${s.count}${schedulerIndex(s.index, known)}`;
    const task = s.manifest.task ? ` (${s.manifest.task.scheduler} ${s.manifest.task.jobId} on ${s.manifest.task.host})` : '';
    const { samplesDone, samplesTotal } = s.manifest.progress ?? { samplesDone: 0, samplesTotal: 0 };
    const where = `${samplesDone}/${samplesTotal} samples, last update ${age(s.manifest.updatedAt ?? s.manifest.startedAt, now)} ago`;
    const what = s.state === 'running' ? 'unfinished: still running, or killed' : s.state === 'failed' ? `failed (${s.manifest.error ?? 'no reason recorded'})` : s.state;
    return `${name} ${what}${task}, ${where}; rerun it to finish`;
  });
}

/** The scheduler's index of a shard that never ran, from the numbering its siblings used. */
function schedulerIndex(index: number, sibling?: RunManifest): string {
  if (!sibling?.task || !sibling.shard) return '';
  if (sibling.task.scheduler === 'kubernetes') return ` (Kubernetes completion index ${index - 1})`;
  return ` (Slurm array task ${index - sibling.shard.index + sibling.task.index})`;
}

export function age(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

function newest(a: RunManifest | undefined, b: RunManifest): RunManifest {
  return !a || Date.parse(b.updatedAt ?? b.startedAt) >= Date.parse(a.updatedAt ?? a.startedAt) ? b : a;
}
