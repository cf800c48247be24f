/**
 * The run directory: resolved spec + hash, maps as .npy, metric records as JSONL, leaderboard.
 * Every write is atomic (maps) or a whole line (records), so a killed run resumes cleanly.
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLines, writeFileAtomic } from '../atomic-write.js';
import { decodeNpy, encodeNpy } from '../npy.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { Attribution, MetricRecord } from '../types.js';

export interface Shard {
  index: number;
  count: number;
}

/** The coordinates of one result series. */
export interface SeriesKey {
  dataset: string;
  model: string;
  method: string;
}

export class RunDirectoryConflict extends Error {}

export const NO_MODEL = 'none';

export class RunStore {
  private constructor(readonly dir: string) {}

  /** Open (or create) a run directory for a spec; refuse a different spec unless fresh. */
  static async open(dir: string, spec: ResolvedSpec, hash: string, specFile: string, fresh = false): Promise<RunStore> {
    const store = new RunStore(dir);
    const existing = await store.readSpec().catch(() => undefined);
    if (existing && existing.hash !== hash && !fresh) {
      throw new RunDirectoryConflict(
        `${dir} holds results of a different spec (hash ${existing.hash.slice(0, 12)}, this spec ${hash.slice(0, 12)}); ` +
          'use another --out directory, or --fresh to delete those results and start over',
      );
    }
    if (fresh) await store.clear();
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, 'spec.json'), JSON.stringify({ hash, specFile, spec }, null, 2) + '\n');
    return store;
  }

  /** Open an existing run directory for reading (leaderboard, merge). */
  static async existing(dir: string): Promise<{ store: RunStore; spec: ResolvedSpec; hash: string; specFile: string }> {
    const store = new RunStore(dir);
    const saved = await store.readSpec().catch((error: Error) => {
      throw new Error(`${dir} is not a run directory (cannot read spec.json: ${error.message})`);
    });
    return { store, ...saved };
  }

  async readSpec(): Promise<{ hash: string; specFile: string; spec: ResolvedSpec }> {
    return JSON.parse(await readFile(join(this.dir, 'spec.json'), 'utf8'));
  }

  private async clear(): Promise<void> {
    for (const name of ['maps', 'records', 'spec.json', 'manifest.json', 'leaderboard.csv', 'report.html']) {
      await rm(join(this.dir, name), { recursive: true, force: true });
    }
  }

  mapPath(series: SeriesKey, key: string): string {
    return join(this.dir, 'maps', series.dataset, series.model, series.method, `${key}.npy`);
  }

  async hasMap(series: SeriesKey, key: string): Promise<boolean> {
    return stat(this.mapPath(series, key)).then(() => true, () => false);
  }

  async writeMap(series: SeriesKey, key: string, attribution: Attribution): Promise<void> {
    const path = this.mapPath(series, key);
    // The probabilities go first: the .npy's presence is what marks the map as finished.
    if (attribution.probs) {
      const probs = Object.fromEntries(Object.entries(attribution.probs).map(([name, values]) => [name, Array.from(values as Float32Array)]));
      await writeFileAtomic(path.replace(/\.npy$/, '.probs.json'), JSON.stringify(probs));
    }
    await writeFileAtomic(path, encodeNpy(attribution.map, [attribution.height, attribution.width]));
  }

  async readMap(series: SeriesKey, key: string): Promise<Attribution> {
    const path = this.mapPath(series, key);
    const { data, shape } = decodeNpy(await readFile(path));
    const attribution: Attribution = { map: data, height: shape[0], width: shape[1] };
    const probsText = await readFile(path.replace(/\.npy$/, '.probs.json'), 'utf8').catch(() => undefined);
    if (probsText !== undefined) {
      const probs = JSON.parse(probsText) as Record<string, number[]>;
      attribution.probs = Object.fromEntries(Object.entries(probs).map(([k, v]) => [k, Float32Array.from(v)])) as unknown as Attribution['probs'];
    }
    return attribution;
  }

  recordDir(series: SeriesKey): string {
    return join(this.dir, 'records', series.dataset, series.model, series.method);
  }

  recordFile(series: SeriesKey, metric: string, shard?: Shard): string {
    const suffix = shard && shard.count > 1 ? `.shard-${shard.index}-of-${shard.count}` : '';
    return join(this.recordDir(series), `${metric}${suffix}.jsonl`);
  }

  /** All records of a series and metric, from every shard file; the last line per key wins. */
  async readRecords(series: SeriesKey, metric: string): Promise<Map<string, MetricRecord>> {
    const records = new Map<string, MetricRecord>();
    const names = await readdir(this.recordDir(series)).catch(() => [] as string[]);
    const mine = names.filter((name) => name === `${metric}.jsonl` || (name.startsWith(`${metric}.shard-`) && name.endsWith('.jsonl'))).sort();
    for (const name of mine) {
      const text = await readFile(join(this.recordDir(series), name), 'utf8');
      for (const line of text.split('\n')) {
        const record = parseRecordLine(line);
        if (record) records.set(record.key, record);
      }
    }
    return records;
  }

  /** Replace all record files of a series and metric by one sorted file (merge). */
  async rewriteRecords(series: SeriesKey, metric: string, records: MetricRecord[]): Promise<void> {
    const names = await readdir(this.recordDir(series)).catch(() => [] as string[]);
    const sorted = [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await writeFileAtomic(this.recordFile(series, metric), sorted.map((r) => JSON.stringify(r) + '\n').join(''));
    for (const name of names.filter((n) => n.startsWith(`${metric}.shard-`) && n.endsWith('.jsonl'))) {
      await rm(join(this.recordDir(series), name), { force: true });
    }
  }

  async appendRecords(series: SeriesKey, metric: string, records: MetricRecord[], shard?: Shard): Promise<void> {
    await appendLines(this.recordFile(series, metric, shard), records.map((record) => JSON.stringify(record)));
  }
}

/** A torn last line (a killed append) is ignored; the job is simply redone. */
function parseRecordLine(line: string): MetricRecord | undefined {
  if (!line.trim()) return undefined;
  try {
    const record = JSON.parse(line) as MetricRecord;
    return typeof record.key === 'string' && typeof record.state === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}
