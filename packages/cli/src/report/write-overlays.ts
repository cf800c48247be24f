/**
 * PNG overlays, one per map, like the papers' figures: the map over its image at the image's own
 * size, with the ground-truth boxes of the target class. Written to
 * `<out>/<dataset>/<model>/<method>/<sample>__<class>.png`.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { NO_MODEL, RunStore, writeFileAtomic } from '@saliency-bench/core';
import type { ColormapName } from './colormap.js';
import { encodePng } from './encode-image.js';
import { renderOverlay } from './overlay.js';
import { findSamples, openDataset } from './sample-finder.js';

export interface OverlayOptions {
  out: string;
  methods?: string[];
  /** Maps per method (in job key order). */
  limit: number;
  colormap: ColormapName;
  opacity: number;
}

export async function writeOverlays(runDir: string, options: OverlayOptions): Promise<{ written: string[]; missingSamples: string[] }> {
  const { store, spec, specFile } = await RunStore.existing(runDir);
  const known = spec.methods.map((m) => m.id);
  const unknown = (options.methods ?? []).filter((m) => !known.includes(m));
  if (unknown.length > 0) throw new UnknownMethodError(`unknown method ${unknown.join(', ')} for ${runDir}; its methods are ${known.join(', ')}`);
  const methods = options.methods && options.methods.length > 0 ? options.methods : known;
  const models = spec.models.length > 0 ? spec.models.map((m) => m.id) : [NO_MODEL];
  const written: string[] = [];
  const missingSamples = new Set<string>();
  for (const datasetEntry of spec.datasets) {
    for (const model of models) {
      const keysByMethod = new Map<string, string[]>();
      for (const method of methods) keysByMethod.set(method, await mapKeys(store, { dataset: datasetEntry.id, model, method }, options.limit));
      const sampleIds = new Set([...keysByMethod.values()].flat().map((key) => splitKey(key).sampleId));
      if (sampleIds.size === 0) continue;
      const dataset = await openDataset(spec, specFile, datasetEntry.id);
      try {
        const samples = await findSamples(dataset, sampleIds, spec.limit);
        for (const [method, keys] of keysByMethod) {
          const series = { dataset: datasetEntry.id, model, method };
          for (const key of keys) {
            const { sampleId, classIndex } = splitKey(key);
            const sample = samples.get(sampleId);
            if (!sample) {
              missingSamples.add(sampleId);
              continue;
            }
            const attribution = await store.readMap(series, key);
            const rgb = renderOverlay({
              image: sample.image, imageWidth: sample.width, imageHeight: sample.height,
              map: { values: attribution.map, width: attribution.width, height: attribution.height },
              objects: sample.objects.filter((object) => object.classIndex === classIndex),
              width: sample.width, height: sample.height, colormap: options.colormap, opacity: options.opacity,
            });
            const path = join(options.out, datasetEntry.id, model, method, `${key}.png`);
            await mkdir(dirname(path), { recursive: true });
            await writeFileAtomic(path, await encodePng(rgb, sample.width, sample.height));
            written.push(path);
          }
        }
      } finally {
        await dataset.dispose?.();
      }
    }
  }
  return { written, missingSamples: [...missingSamples] };
}

export class UnknownMethodError extends Error {}

async function mapKeys(store: RunStore, series: { dataset: string; model: string; method: string }, limit: number): Promise<string[]> {
  const dir = dirname(store.mapPath(series, 'x'));
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.npy')).map((name) => name.slice(0, -'.npy'.length)).sort().slice(0, limit);
}

/** Job keys are `<sample id>__<class index>` (core's jobKey). */
function splitKey(key: string): { sampleId: string; classIndex: number } {
  const at = key.lastIndexOf('__');
  return { sampleId: key.slice(0, at), classIndex: Number(key.slice(at + 2)) };
}
