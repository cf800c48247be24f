/**
 * The sanity checks over a run directory. For each dataset and method:
 * - model randomisation: the maps of the same jobs under model A and under each model B (typically
 *   A with its last k or all layers re-initialised);
 * - random logit: under A, each labelled class's map against the map of the sample's random other
 *   class (targets mode random-other).
 * Each row averages the per-map similarities. A method is flagged when its maps barely change
 * where they should change completely: under a fully randomised model, or for another class.
 */
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

/** The jobs of a series that have a map, from its records (map file names are encoded, not parsed). */
export async function jobsWithMaps(store: RunStore, spec: ResolvedSpec, series: SeriesKey): Promise<Map<string, { sampleId: string; classIndex: number }>> {
  const jobs = new Map<string, { sampleId: string; classIndex: number }>();
  for (const metric of spec.metrics) {
    for (const [key, record] of await store.readRecords(series, metric.id)) {
      if (!jobs.has(key) && (await store.hasMap(series, key))) jobs.set(key, { sampleId: record.sampleId, classIndex: record.classIndex });
    }
  }
  return new Map([...jobs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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

export async function sanityCheck(store: RunStore, spec: ResolvedSpec, options: SanityOptions): Promise<SanityRow[]> {
  const rows: SanityRow[] = [];
  const methods = spec.methods.map((m) => m.id).filter((id) => !options.methods || options.methods.includes(id));
  const flag = (s: MapSimilarity) => s.spearmanAbs >= options.threshold || s.ssim >= options.threshold;
  for (const { id: dataset } of spec.datasets) {
    for (const method of methods) {
      const base: SeriesKey = { dataset, model: options.model, method };
      const jobs = await jobsWithMaps(store, spec, base);
      const keys = [...jobs.keys()];
      for (const against of options.against) {
        const other: SeriesKey = { dataset, model: against, method };
        const shared = await jobsWithMaps(store, spec, other);
        const similarity = await averageSimilarity(store, keys.filter((k) => shared.has(k)).map((k) => [base, k, other, k]));
        const layers = randomizedLayers(spec, against);
        rows.push({ dataset, method, model: options.model, check: 'model-randomization', against, randomizedLayers: layers, ...similarity, flagged: layers === 'all' && flag(similarity) });
      }
      const datasetLabels = options.labels?.get(dataset);
      if (datasetLabels) {
        const pairs: [SeriesKey, string, SeriesKey, string][] = [];
        const bySample = new Map<string, string[]>();
        for (const [key, { sampleId }] of jobs) bySample.set(sampleId, [...(bySample.get(sampleId) ?? []), key]);
        for (const [sample, sampleKeys] of bySample) {
          const labels = datasetLabels.get(sample);
          if (!labels) continue;
          const labelled = (key: string) => labels.includes(jobs.get(key)!.classIndex);
          for (const other of sampleKeys.filter((k) => !labelled(k))) for (const key of sampleKeys.filter(labelled)) pairs.push([base, key, base, other]);
        }
        const similarity = await averageSimilarity(store, pairs);
        rows.push({ dataset, method, model: options.model, check: 'random-logit', against: 'random other class', randomizedLayers: '', ...similarity, flagged: flag(similarity) });
      }
    }
  }
  return rows;
}
