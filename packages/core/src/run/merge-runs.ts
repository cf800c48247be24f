/** Combine run directories of the same spec (typically shards) into one. */
import { cp, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { MetricRecord } from '../types.js';
import { readManifests, type RunManifest } from './run-manifest.js';
import { RunStore } from './run-store.js';
import { seriesMetrics } from './series.js';
import { shardCensus, type ShardCensus } from './shard-census.js';

export async function mergeRuns(outDir: string, sources: string[]): Promise<RunStore> {
  return (await mergeRunsWithCensus(outDir, sources)).store;
}

/** Merge, and say which shards the merged records come from (missing or unfinished ones make it partial). */
export async function mergeRunsWithCensus(outDir: string, sources: string[]): Promise<{ store: RunStore; census: ShardCensus }> {
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
    await copyNewerManifests(source.store.dir, target.dir);
  }
  for (const { series, metric } of seriesMetrics(first.spec)) {
    const merged = new Map<string, MetricRecord>();
    for (const store of [target, ...opened.map((o) => o.store)]) {
      for (const [key, record] of await store.readRecords(series, metric)) {
        // A finished record beats a failed one from another shard.
        if (merged.get(key)?.state !== 'done' || record.state === 'done') merged.set(key, record);
      }
    }
    await target.rewriteRecords(series, metric, [...merged.values()]);
  }
  const census = shardCensus((await readManifests(target.dir)).map((m) => m.manifest));
  return { store: target, census };
}

/** Shard manifests travel with their records, so the merged directory knows which shards it holds. */
async function copyNewerManifests(from: string, to: string): Promise<void> {
  for (const { file, manifest } of await readManifests(from)) {
    const destination = join(to, basename(file));
    const existing = await readFile(destination, 'utf8').then((text) => JSON.parse(text) as RunManifest, () => undefined);
    if (existing && Date.parse(existing.updatedAt ?? existing.startedAt) >= Date.parse(manifest.updatedAt ?? manifest.startedAt)) continue;
    await writeFileAtomic(destination, JSON.stringify(manifest, null, 2) + '\n');
  }
}
