/**
 * The sanity checks over a run directory. For each dataset and method:
 * - model randomisation: the maps of the same jobs under model A and under each model B (typically
 *   A with its last k or all layers re-initialised);
 * - random logit: under A, each labelled class's map against the map of the sample's random other
 *   class (targets mode random-other).
 * Each row averages the per-map similarities. A method is flagged when its maps barely change
 * where they should change completely: under a fully randomised model, or for another class.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStore, SeriesKey } from '../run/run-store.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import { mapSimilarity, type MapSimilarity } from './map-similarity.js';

export interface SanityRow {
  dataset: string;
  method: string;
  model: string;
  check: 'model-randomization' | 'random-logit';
  /** The model compared against, or "random other class". */
  against: string;
  /** The randomize.layers option of the model compared against ("" when it has none). */
  randomizedLayers: string;
  n: number;
  spearman: number;
  spearmanAbs: number;
  ssim: number;
  flagged: boolean;
}

export interface SanityOptions {
  model: string;
  against: string[];
  methods?: string[];
  /** Flag when the mean Spearman of |maps| or the mean SSIM reaches this. */
  threshold: number;
  /** Dataset id -> sample id -> labelled classes, for the random-logit check (absent: no random-logit rows). */
  labels?: Map<string, Map<string, number[]>>;
}

export async function mapKeys(store: RunStore, series: SeriesKey): Promise<string[]> {
  const dir = join(store.dir, 'maps', series.dataset, series.model, series.method);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.npy')).map((n) => n.slice(0, -'.npy'.length)).sort();
}

function randomizedLayers(spec: ResolvedSpec, model: string): string {
  const options = spec.models.find((m) => m.id === model)?.options as { randomize?: { layers?: number | string } } | undefined;
  return options?.randomize?.layers === undefined ? '' : String(options.randomize.layers);
}

async function averageSimilarity(store: RunStore, pairs: [SeriesKey, string, SeriesKey, string][]): Promise<MapSimilarity & { n: number }> {
  const sum = { spearman: 0, spearmanAbs: 0, ssim: 0 };
  let n = 0;
  for (const [seriesA, keyA, seriesB, keyB] of pairs) {
    const [a, b] = [await store.readMap(seriesA, keyA), await store.readMap(seriesB, keyB)];
    const similarity = mapSimilarity(a.map, b.map, a.height, a.width);
    // A constant map has no rank order; it is left out rather than counted as 0.
    if (!Number.isFinite(similarity.spearman) || !Number.isFinite(similarity.spearmanAbs)) continue;
    sum.spearman += similarity.spearman;
    sum.spearmanAbs += similarity.spearmanAbs;
    sum.ssim += similarity.ssim;
    n++;
  }
  return { spearman: sum.spearman / n, spearmanAbs: sum.spearmanAbs / n, ssim: sum.ssim / n, n };
}

const sampleOf = (key: string) => key.slice(0, key.lastIndexOf('__'));
const classOf = (key: string) => Number(key.slice(key.lastIndexOf('__') + 2));

export async function sanityCheck(store: RunStore, spec: ResolvedSpec, options: SanityOptions): Promise<SanityRow[]> {
  const rows: SanityRow[] = [];
  const methods = spec.methods.map((m) => m.id).filter((id) => !options.methods || options.methods.includes(id));
  const flag = (s: MapSimilarity) => s.spearmanAbs >= options.threshold || s.ssim >= options.threshold;
  for (const { id: dataset } of spec.datasets) {
    for (const method of methods) {
      const base: SeriesKey = { dataset, model: options.model, method };
      const keys = await mapKeys(store, base);
      for (const against of options.against) {
        const other: SeriesKey = { dataset, model: against, method };
        const shared = new Set(await mapKeys(store, other));
        const similarity = await averageSimilarity(store, keys.filter((k) => shared.has(k)).map((k) => [base, k, other, k]));
        const layers = randomizedLayers(spec, against);
        rows.push({ dataset, method, model: options.model, check: 'model-randomization', against, randomizedLayers: layers, ...similarity, flagged: layers === 'all' && flag(similarity) });
      }
      const datasetLabels = options.labels?.get(dataset);
      if (datasetLabels) {
        const pairs: [SeriesKey, string, SeriesKey, string][] = [];
        const bySample = new Map<string, string[]>();
        for (const key of keys) bySample.set(sampleOf(key), [...(bySample.get(sampleOf(key)) ?? []), key]);
        for (const [sample, sampleKeys] of bySample) {
          const labels = datasetLabels.get(sample);
          if (!labels) continue;
          const others = sampleKeys.filter((k) => !labels.includes(classOf(k)));
          for (const other of others) for (const labelled of sampleKeys.filter((k) => labels.includes(classOf(k)))) pairs.push([base, labelled, base, other]);
        }
        const similarity = await averageSimilarity(store, pairs);
        rows.push({ dataset, method, model: options.model, check: 'random-logit', against: 'random other class', randomizedLayers: '', ...similarity, flagged: flag(similarity) });
      }
    }
  }
  return rows;
}
