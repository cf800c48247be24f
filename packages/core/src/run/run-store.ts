/**
 * The run directory: resolved spec + hash, maps as .npy, metric records as JSONL, leaderboard.
 * Every write is atomic (maps) or a whole line (records), so a killed run resumes cleanly.
 */
import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLines, writeFileAtomic } from '../atomic-write.js';
import { decodeNpy, encodeNpy } from '../npy.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import type { Attribution, MetricRecord } from '../types.js';
import { assertPlainName, encodeFileName } from './safe-file-name.js';
import { checkOutputPath, RunDirectoryConflict, RunDirectoryError } from './run-directory-errors.js';

export { RunDirectoryConflict, RunDirectoryError } from './run-directory-errors.js';

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

export const NO_MODEL = 'none';

/** A cached map file that cannot be a finished map (writes are atomic, methods' maps are finite). */
export class CorruptMapError extends Error {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`cached map ${path} is damaged: ${why}`);
  }
}

export class RunStore {
  private constructor(readonly dir: string) {}

  /**
   * Open (or create) a run directory for a spec. Refused: a different spec's directory (unless
   * fresh), results without a readable spec.json (nothing says which spec made them), and --fresh
   * on a non-empty directory saliency-bench did not create. Fresh deletes only the store's own files.
   */
  static async open(dir: string, spec: ResolvedSpec, hash: string, specFile: string, fresh = false): Promise<RunStore> {
    await checkOutputPath(dir);
    const store = new RunStore(dir);
    const existing = await store.readSpec().catch(() => undefined);
    const contents = await readdir(dir).catch(() => [] as string[]);
    const ours = existing !== undefined || contents.some(isManifestName);
    const hasResults = contents.includes('maps') || contents.includes('records');
    if (fresh && !ours && contents.length > 0) {
      throw new RunDirectoryConflict(
        `${dir} is not a saliency-bench run directory (no spec.json or manifest.json) and is not empty; --fresh deletes results only in run directories. Choose another --out directory`,
      );
    }
    if (!existing && hasResults && !fresh) {
      throw new RunDirectoryConflict(
        `${dir} holds maps/ or records/ but no readable spec.json, so nothing says which spec made them; ` +
          (ours ? 'use --fresh to delete them and start over, or another --out directory' : 'choose another --out directory'),
      );
    }
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
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no spec.json' : `cannot read spec.json: ${error.message}`;
      throw new RunDirectoryError(`${dir} is not a run directory (${reason}); give a directory that saliency-bench run wrote`);
    });
    return { store, ...saved };
  }

  async readSpec(): Promise<{ hash: string; specFile: string; spec: ResolvedSpec }> {
    return JSON.parse(await readFile(join(this.dir, 'spec.json'), 'utf8'));
  }

  /** Delete the files the store writes, and nothing else: other files (and their folders) stay. */
  private async clear(): Promise<void> {
    const top = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of top.filter((n) => isManifestName(n) || ['spec.json', 'leaderboard.csv', 'report.html', 'comparisons.csv', 'ranks.csv', 'sanity.csv'].includes(n))) {
      await rm(join(this.dir, name), { force: true });
    }
    await removeOwnFiles(join(this.dir, 'maps'), (name) => name.endsWith('.npy') || name.endsWith('.probs.json') || name.endsWith('.tmp'));
    await removeOwnFiles(join(this.dir, 'records'), (name) => name.endsWith('.jsonl') || name.endsWith('.tmp'));
  }

  /** The job key (sample id and class) is encoded: dataset text never escapes the run directory. */
  mapPath(series: SeriesKey, key: string): string {
    return join(this.seriesDir('maps', series), `${encodeFileName(key)}.npy`);
  }

  private seriesDir(root: 'maps' | 'records', series: SeriesKey): string {
    return join(this.dir, root, assertPlainName(series.dataset, 'dataset id'), assertPlainName(series.model, 'model id'), assertPlainName(series.method, 'method id'));
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

  /** Read a cached map; a damaged file (truncated, empty, non-finite values) is a CorruptMapError naming it. */
  async readMap(series: SeriesKey, key: string): Promise<Attribution> {
    const path = this.mapPath(series, key);
    const corrupt = (why: string) => new CorruptMapError(path, why);
    let attribution: Attribution;
    try {
      const { data, shape } = decodeNpy(await readFile(path));
      if (shape.length !== 2 || !(shape[0] > 0 && shape[1] > 0)) throw corrupt(`shape (${shape.join(', ')}) is not a non-empty H×W map`);
      const bad = data.findIndex((value) => !Number.isFinite(value));
      if (bad >= 0) throw corrupt(`value ${data[bad]} at pixel ${bad}`);
      attribution = { map: data, height: shape[0], width: shape[1] };
    } catch (error) {
      throw error instanceof CorruptMapError ? error : corrupt((error as Error).message);
    }
    const probsPath = path.replace(/\.npy$/, '.probs.json');
    const probsText = await readFile(probsPath, 'utf8').catch(() => undefined);
    if (probsText !== undefined) {
      let probs: Record<string, number[]>;
      try {
        probs = JSON.parse(probsText) as Record<string, number[]>;
      } catch (error) {
        throw new CorruptMapError(probsPath, (error as Error).message);
      }
      for (const values of Object.values(probs)) {
        if (!Array.isArray(values) || !values.every(Number.isFinite)) throw new CorruptMapError(probsPath, 'probabilities that are not finite numbers');
      }
      attribution.probs = Object.fromEntries(Object.entries(probs).map(([k, v]) => [k, Float32Array.from(v)])) as unknown as Attribution['probs'];
    }
    return attribution;
  }

  recordDir(series: SeriesKey): string {
    return this.seriesDir('records', series);
  }

  recordFile(series: SeriesKey, metric: string, shard?: Shard): string {
    const suffix = shard && shard.count > 1 ? `.shard-${shard.index}-of-${shard.count}` : '';
    return join(this.recordDir(series), `${assertPlainName(metric, 'metric id')}${suffix}.jsonl`);
  }

  /** All records of a series and metric, from every shard file; the last line per key wins. */
  async readRecords(series: SeriesKey, metric: string): Promise<Map<string, MetricRecord>> {
    const records = new Map<string, MetricRecord>();
    const names = await readdir(this.recordDir(series)).catch(() => [] as string[]);
    const mine = names.filter((name) => name === `${metric}.jsonl` || (name.startsWith(`${metric}.shard-`) && name.endsWith('.jsonl'))).sort();
    for (const name of mine) {
      // Only regular files hold records: a device or FIFO in their place would be read forever.
      if (!(await stat(join(this.recordDir(series), name))).isFile()) continue;
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

function isManifestName(name: string): boolean {
  return /^manifest(\.shard-\d+-of-\d+)?\.json$/.test(name);
}

/** Remove matching files under a folder, then the folders left empty (deepest first). */
async function removeOwnFiles(root: string, owned: (name: string) => boolean): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isFile() && owned(e.name))) await rm(join(entry.parentPath, entry.name), { force: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name));
  for (const folder of [...folders.sort((a, b) => b.length - a.length), root]) await rmdir(folder).catch(() => undefined);
}
