/** Combine run directories of the same spec (typically shards) into one. */
import { copyFile, cp, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MetricRecord } from '../types.js';
import { copyCostLogs } from './cost-log.js';
import { RunStore } from './run-store.js';
import { seriesMetrics } from './series.js';

export async function mergeRuns(outDir: string, sources: string[]): Promise<RunStore> {
  if (sources.length === 0) throw new Error('merge needs at least one run directory to read');
  const opened = await Promise.all(sources.map((dir) => RunStore.existing(resolve(dir))));
  const [first] = opened;
  for (const other of opened.slice(1)) {
    if (other.hash !== first.hash) {
      throw new Error(`cannot merge ${other.store.dir} into ${first.store.dir}: they ran different specs (hash ${other.hash.slice(0, 12)} vs ${first.hash.slice(0, 12)})`);
    }
  }
  const target = await RunStore.open(resolve(outDir), first.spec, first.hash, first.specFile);
  for (const source of opened) {
    if (source.store.dir === target.dir) continue;
    // Maps are immutable once written: existing files are kept.
    await cp(join(source.store.dir, 'maps'), join(target.dir, 'maps'), { recursive: true, force: false, errorOnExist: false }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  for (const source of opened) {
    if (source.store.dir !== target.dir) await copyManifests(source.store.dir, target.dir);
  }
  for (const { series, metric } of seriesMetrics(first.spec)) {
    for (const source of opened) if (source.store.dir !== target.dir) await copyCostLogs(source.store, target, series);
    const merged = new Map<string, MetricRecord>();
    for (const store of [target, ...opened.map((o) => o.store)]) {
      for (const [key, record] of await store.readRecords(series, metric)) {
        // A finished record beats a failed one from another shard.
        if (merged.get(key)?.state !== 'done' || record.state === 'done') merged.set(key, record);
      }
    }
    await target.rewriteRecords(series, metric, [...merged.values()]);
  }
  return target;
}

/**
 * The manifests say which shards finished (see runCompleteness); a finished one replaces an
 * unfinished one of the same name, never the other way round.
 */
async function copyManifests(from: string, to: string): Promise<void> {
  const names = (await readdir(from)).filter((name) => /^manifest(\.shard-\d+-of-\d+)?\.json$/.test(name));
  for (const name of names) {
    const [source, existing] = await Promise.all([statusOf(join(from, name)), statusOf(join(to, name))]);
    if (existing === undefined || (existing !== 'done' && source === 'done')) await copyFile(join(from, name), join(to, name));
  }
}

async function statusOf(path: string): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return String((JSON.parse(text) as { status?: unknown }).status);
  } catch {
    return 'unreadable';
  }
}
