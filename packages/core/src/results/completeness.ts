/**
 * Whether a run directory's records cover the whole spec, read from the manifests its runs left:
 * manifest.json for an unsharded run, manifest.shard-i-of-n.json for each shard (merge copies them).
 * A leaderboard from partial results says so (the `partial` column, the table banner, the manifest).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Completeness {
  /** True when the records may not cover every sample of the spec. */
  partial: boolean;
  /** Why, one line each, with what to do; empty when complete. */
  reasons: string[];
}

interface ManifestStatus {
  status: string;
  error?: string;
}

const SHARD_MANIFEST = /^manifest\.shard-(\d+)-of-(\d+)\.json$/;

export async function runCompleteness(dir: string): Promise<Completeness> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const whole = names.includes('manifest.json') ? await readStatus(join(dir, 'manifest.json')) : undefined;
  if (whole?.status === 'done') return { partial: false, reasons: [] };

  const shardsByCount = new Map<number, Map<number, ManifestStatus>>();
  for (const name of names) {
    const match = SHARD_MANIFEST.exec(name);
    if (!match) continue;
    const [index, count] = [Number(match[1]), Number(match[2])];
    if (!shardsByCount.has(count)) shardsByCount.set(count, new Map());
    shardsByCount.get(count)!.set(index, await readStatus(join(dir, name)));
  }
  for (const [count, shards] of shardsByCount) {
    const finished = [...shards.values()].filter((s) => s.status === 'done').length;
    if (finished === count) return { partial: false, reasons: [] };
  }

  const reasons: string[] = [];
  if (whole) reasons.push(describeStatus('the run', whole));
  for (const [count, shards] of [...shardsByCount].sort((a, b) => a[0] - b[0])) {
    const missing: string[] = [];
    for (let index = 1; index <= count; index++) {
      const shard = shards.get(index);
      if (!shard) missing.push(`${index}/${count}`);
      else if (shard.status !== 'done') reasons.push(describeStatus(`shard ${index}/${count}`, shard));
    }
    if (missing.length > 0) reasons.push(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: run ${missing.length > 1 ? 'them' : 'it'} with --shard and merge`);
  }
  if (reasons.length === 0) reasons.push('no manifest.json: cannot tell whether the run finished');
  return { partial: true, reasons };
}

function describeStatus(what: string, manifest: ManifestStatus): string {
  switch (manifest.status) {
    case 'interrupted':
      return `${what} was interrupted; rerun the same command to finish it`;
    case 'running':
      return `${what} has not finished (still running, or killed); rerun the same command to finish it`;
    case 'failed':
      return `${what} failed${manifest.error ? ` (${manifest.error})` : ''}; fix the cause and rerun`;
    default:
      return `${what} has status "${manifest.status}"`;
  }
}

async function readStatus(path: string): Promise<ManifestStatus> {
  try {
    const manifest = JSON.parse(await readFile(path, 'utf8')) as Partial<ManifestStatus>;
    return { status: typeof manifest.status === 'string' ? manifest.status : 'unknown', error: manifest.error };
  } catch {
    return { status: 'unreadable' };
  }
}
