/**
 * Whether a run directory's records cover the whole spec, read from the manifests its runs left:
 * manifest.json for an unsharded run, manifest.shard-i-of-n.json for each shard (merge copies them).
 * A leaderboard from partial results says so (the `partial` column, the table banner, the manifest).
 */
import { basename } from 'node:path';
import { readManifests } from '../run/run-manifest.js';
import { schedulerIndex, shardCensus, type ShardCensus, type ShardEntry } from '../run/shard-census.js';

export interface Completeness {
  /** True when the records may not cover every sample of the spec. */
  partial: boolean;
  /** Why, one line each, with what to do; empty when complete. */
  reasons: string[];
}

export async function runCompleteness(dir: string): Promise<Completeness> {
  const census = shardCensus(await readManifests(dir));
  return { partial: !census.complete, reasons: census.complete ? [] : completenessReasons(census) };
}

/** One line per unfinished shard (with the scheduler task that ran it), one for the missing ones. */
export function completenessReasons(census: ShardCensus): string[] {
  if (census.count === null) return ['no manifest.json: cannot tell whether the run finished'];
  const reasons: string[] = [];
  if (census.whole && census.whole.state !== 'done' && census.shards[0] !== census.whole) reasons.push(describeEntry('the run', census.whole));
  const missing = census.shards.filter((s) => s.state === 'missing');
  for (const shard of census.shards.filter((s) => s.state !== 'done' && s.state !== 'missing')) {
    reasons.push(describeEntry(shard === census.whole ? 'the run' : `shard ${shard.index}/${shard.count}`, shard, schedulerIndex(census, shard.index)));
  }
  if (missing.length > 0) {
    const tasks = missing.map((s) => schedulerIndex(census, s.index)).filter((t) => t !== undefined);
    const where = tasks.length > 0 ? ` (${tasks.join(', ')})` : '';
    const names = missing.map((s) => `${s.index}/${s.count}`).join(', ');
    reasons.push(`shard${missing.length > 1 ? 's' : ''} ${names} missing: run ${missing.length > 1 ? 'them' : 'it'} with --shard and merge${where}`);
  }
  return reasons;
}

function describeEntry(what: string, entry: ShardEntry, task?: string): string {
  const manifest = entry.manifest;
  const ran = manifest?.task ? `${manifest.task.scheduler} ${manifest.task.jobId} on ${manifest.task.host}, ` : '';
  const progress = manifest?.progress ? `${manifest.progress.samplesDone}/${manifest.progress.samplesTotal} samples, ` : '';
  const detail = manifest?.updatedAt ? ` [${ran}${progress}last update ${manifest.updatedAt}]` : '';
  const rerun = task ? `rerun it (${task}) to finish it` : 'rerun the same command to finish it';
  switch (entry.state) {
    case 'interrupted':
      return `${what} was interrupted; ${rerun}${detail}`;
    case 'running':
      return `${what} has not finished (still running, or killed); ${rerun}${detail}`;
    case 'failed':
      return `${what} failed${manifest?.error ? ` (${manifest.error})` : ''}; fix the cause and rerun${detail}`;
    case 'unreadable':
      return `${what}: cannot read ${basename(entry.file ?? '')} (${entry.error}); delete it and rerun ${what}`;
    default:
      return `${what} has status "${entry.state}"`;
  }
}
