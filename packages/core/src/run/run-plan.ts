/**
 * The runner: datasets x models x methods x metrics, chunk by chunk of samples, resumable and
 * shardable. Writes maps, records, manifest and leaderboard into the run directory.
 */
import { resolve } from 'node:path';
import { runCompleteness } from '../results/completeness.js';
import { computeLeaderboard, writeLeaderboard, type MetricSemantics } from '../results/leaderboard.js';
import type { Plan } from '../spec/resolved-spec.js';
import { isDataError } from '../data-error.js';
import type { AttributionMethod, AttributionOutput, Classifier, Dataset, Metric } from '../types.js';
import { requiredOutputs } from '../spec/output-pairs.js';
import type { SpecEntry } from '../spec/resolved-spec.js';
import { startPlugin } from './start-plugin.js';
import { prefetchChunks, type LoadedChunk } from './prefetch-chunks.js';
import { processSeries, type LiveMetric } from './process-series.js';
import type { RunCounts, RunOptions, RunSummary, RunTimings, SkippedSample } from './run-events.js';
import { ManifestWriter } from './run-manifest.js';
import { NO_MODEL, RunStore } from './run-store.js';
import { describeWriteError } from './run-directory-errors.js';
import { selectJobs } from './select-targets.js';
import { chunkCleanPasses } from './chunk-clean-passes.js';
import { inShard } from './shard.js';

export async function runPlan(plan: Plan, options: RunOptions = {}): Promise<RunSummary> {
  const { spec } = plan;
  const outDir = resolve(options.outDir ?? spec.output);
  const signal = options.signal ?? new AbortController().signal;
  const emit = options.onEvent ?? (() => {});
  const store = await RunStore.open(outDir, spec, plan.hash, plan.file, options.fresh);
  const counts: RunCounts = { mapsComputed: 0, mapsReused: 0, mapsFailed: 0, recordsWritten: 0, recordsReused: 0, recordsFailed: 0, samplesFailed: 0, samplesSkipped: 0 };
  const skipped: SkippedSample[] = [];
  const timings: RunTimings = { wallMs: 0, dataWaitMs: 0 };
  const wallStart = performance.now();
  const skipBadSamples = options.skipBadSamples ?? spec.execution.skipBadSamples ?? false;
  const manifest = new ManifestWriter(outDir, plan, options, () => {
    timings.wallMs = performance.now() - wallStart;
    return { counts, skippedSamples: skipped, timings: { wallMs: Math.round(timings.wallMs), dataWaitMs: Math.round(timings.dataWaitMs) } };
  });
  await manifest.start();

  const createContext = { baseDir: plan.baseDir, seed: spec.seed };
  const activity = (text: string) => emit({ type: 'activity', text });
  const methods: { entry: SpecEntry; method: AttributionMethod }[] = [];
  const metrics: { entry: SpecEntry; metric: Metric; requires: readonly AttributionOutput[] }[] = [];
  let aborted = false;
  let total = 0;
  let done = 0;
  let jobsSeen = 0;
  // Targets are chosen per sample, so the number of maps is known exactly only once all are seen.
  const progress = () => ({
    samplesDone: done,
    samplesTotal: total,
    mapsDone: counts.mapsComputed + counts.mapsReused,
    mapsExpected: Math.round(done > 0 ? (jobsSeen / done) * total : 0) * methods.length,
    mapsExpectedIsEstimate: done < total,
  });
  try {
    for (const [index, planned] of plan.methods.entries()) {
      activity(`starting method ${planned.entry.id}`);
      methods.push({ entry: planned.entry, method: await startPlugin(planned, `/methods/${index}`, () => planned.plugin.create(planned.entry.options, createContext)) });
    }
    for (const [index, planned] of plan.metrics.entries()) {
      activity(`starting metric ${planned.entry.id}`);
      const metric = await startPlugin(planned, `/metrics/${index}`, () => planned.plugin.create(planned.entry.options, createContext));
      metrics.push({ entry: planned.entry, metric, requires: requiredOutputs(planned.plugin) });
    }
    const datasets: { id: string; dataset: Dataset; indices: number[] }[] = [];
    for (const [index, planned] of plan.datasets.entries()) {
      const { entry, plugin } = planned;
      activity(`opening dataset ${entry.id}`);
      const dataset = await startPlugin(planned, `/datasets/${index}`, () => plugin.create(entry.options, createContext));
      const count = Math.min(await dataset.size(), spec.limit ?? Infinity);
      datasets.push({ id: entry.id, dataset, indices: Array.from({ length: count }, (_, i) => i).filter((i) => inShard(i, options.shard)) });
    }
    const modelEntries = plan.models.length > 0 ? plan.models : [undefined];
    total = datasets.reduce((sum, d) => sum + d.indices.length, 0) * modelEntries.length;
    emit({ type: 'start', total, outDir });
    await manifest.progress(progress(), true);
    for (const { id: datasetId, dataset, indices } of datasets) {
      for (const modelEntry of modelEntries) {
        if (modelEntry) activity(`loading model ${modelEntry.entry.id} (${modelEntry.entry.use}) for dataset ${datasetId}`);
        const model: Classifier | undefined = modelEntry
          ? await startPlugin(modelEntry, `/models/${plan.models.indexOf(modelEntry)}`, () =>
              modelEntry.plugin.create(modelEntry.entry.options, { baseDir: plan.baseDir, datasetClasses: dataset.classes, execution: spec.execution }),
            )
          : undefined;
        const modelId = modelEntry?.entry.id ?? NO_MODEL;
        try {
          const live = new Map<string, LiveMetric[]>();
          for (const { entry } of methods) {
            const series = { dataset: datasetId, model: modelId, method: entry.id };
            const skipReason = (metric: string) => plan.skippedPairs.find((pair) => pair.method === entry.id && pair.metric === metric)?.reason;
            live.set(entry.id, await Promise.all(metrics.map(async (m) => ({ ...m, skipReason: skipReason(m.entry.id), existing: await store.readRecords(series, m.entry.id) }))));
          }
          const chunks: number[][] = [];
          const samplesPerChunk = spec.execution.batchSize;
          for (let start = 0; start < indices.length; start += samplesPerChunk) chunks.push(indices.slice(start, start + samplesPerChunk));
          const loaded = prefetchChunks(dataset, chunks, spec.execution.prefetch ?? 1);
          while (!signal.aborted) {
            const waitStart = performance.now();
            const next = await loaded.next();
            timings.dataWaitMs += performance.now() - waitStart;
            if (next.done) break;
            const chunk = next.value.indices;
            const samples = next.value.samples;
            handleBadSamples(next.value, datasetId, { counts, skipped, skipBadSamples, emit });
            const where = `samples ${done + 1}-${done + chunk.length} of ${total}`;
            if (model) activity(`${where}: clean forward pass and targets with model ${modelId}`);
            const clean = model && (await chunkCleanPasses(samples, model, spec.targets.mode));
            const jobs = selectJobs(samples, spec.targets, clean, { seed: spec.seed, classCount: dataset.classes.length });
            jobsSeen += jobs.length;
            for (const [m, method] of methods.entries()) {
              if (signal.aborted) break;
              const series = { dataset: datasetId, model: modelId, method: method.entry.id };
              const step = `${where}: method ${method.entry.id} (${m + 1}/${methods.length})`;
              activity(`${step}, ${jobs.length} jobs`);
              await processSeries(method, live.get(method.entry.id)!, jobs, {
                store, series, seed: spec.seed, shard: options.shard, model, signal, batchSize: spec.execution.batchSize, counts,
                onMessage: (text) => emit({ type: 'message', text }),
                onActivity: (text) => activity(`${step}: ${text}`),
                recordCurves: options.recordCurves,
              });
            }
            if (signal.aborted) break;
            done += chunk.length;
            emit({ type: 'progress', done, total, mapsComputed: counts.mapsComputed, mapsReused: counts.mapsReused });
            await manifest.progress(progress());
          }
        } finally {
          await model?.dispose();
        }
        if (signal.aborted) break;
      }
      await dataset.dispose?.();
      if (signal.aborted) break;
    }
  } catch (error) {
    if (!signal.aborted) {
      const described = describeWriteError(error, store.dir);
      // On a full disk the manifest may not be writable either; the error still reaches the user.
      await manifest.progress(progress()).catch(() => undefined);
      await manifest.finish('failed', (described as Error).message).catch(() => undefined);
      throw described;
    }
  } finally {
    for (const { method } of methods) await method.dispose?.();
    for (const { metric } of metrics) await metric.dispose?.();
  }
  aborted = signal.aborted;
  const semantics: Record<string, MetricSemantics> = Object.fromEntries(
    plan.metrics.map(({ entry, plugin }) => [entry.id, { higherIsBetter: plugin.higherIsBetter, statistic: plugin.statistic, pairingUnit: plugin.pairingUnit }]),
  );
  const status = aborted ? 'interrupted' : 'done';
  // The final status goes in first: completeness reads it (and any other shard's manifest).
  await manifest.progress(progress());
  await manifest.finish(status);
  const completeness = await runCompleteness(store.dir);
  await manifest.update({ partial: completeness.partial, partialReasons: completeness.reasons });
  const rows = await computeLeaderboard(store, spec, semantics);
  const leaderboardPath = await writeLeaderboard(store, rows, completeness);
  return { ...counts, outDir, aborted, partial: completeness.partial, partialReasons: completeness.reasons, rows, leaderboardPath, skippedSamples: skipped, timings };
}

/**
 * Bad data (a DataError) stops the run, finished work kept, unless bad samples are to be skipped;
 * then it is counted and listed with its reason. Any other load failure counts as a failed sample.
 */
function handleBadSamples(
  chunk: LoadedChunk,
  datasetId: string,
  state: { counts: RunCounts; skipped: SkippedSample[]; skipBadSamples: boolean; emit: NonNullable<RunOptions['onEvent']> },
): void {
  for (const { index, error } of chunk.bad) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isDataError(error) && !state.skipBadSamples) throw error;
    if (isDataError(error)) {
      state.counts.samplesSkipped++;
      state.skipped.push({ dataset: datasetId, index, reason });
      state.emit({ type: 'message', text: `dataset ${datasetId}: sample ${index} skipped (bad data): ${reason}` });
    } else {
      state.counts.samplesFailed++;
      state.emit({ type: 'message', text: `dataset ${datasetId}: sample ${index} failed to load: ${reason}` });
    }
  }
}
